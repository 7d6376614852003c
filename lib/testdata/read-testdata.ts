/** Test helper: the real captures in this folder (see capture.sh for how each was made). */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const TESTDATA = path.dirname(fileURLToPath(import.meta.url));
export const readTestdata = (file: string) => fs.readFileSync(path.join(TESTDATA, file), "utf8");
