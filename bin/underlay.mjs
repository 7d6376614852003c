#!/usr/bin/env node
// The `underlay` CLI. The code is TypeScript; tsx (a devDependency) compiles it in this process.
import { tsImport } from "tsx/esm/api";

const { main } = await tsImport("./cli.ts", import.meta.url);
process.exitCode = await main(process.argv.slice(2));
