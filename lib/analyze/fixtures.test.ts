/**
 * Fixture tier: the public CNI corpus in ../shared/fixtures/cni (beside the repository in CI).
 * Every file listed in expected.json is analysed alone; values listed as null / "unknown" there
 * must come out null / "unknown" (the analyzer must not claim them).
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { analyze } from "./analyze";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const dir = path.resolve(repoRoot, "../shared/fixtures/cni");
const present = fs.existsSync(path.join(dir, "expected.json"));

type Expected = {
  file: string;
  cni: string;
  encapsulation: string;
  configuredMtu: number | null;
  kubeProxyMode: string | null;
  devices: unknown[];
};
const expected: Expected[] = present
  ? JSON.parse(fs.readFileSync(path.join(dir, "expected.json"), "utf8"))
  : [];

describe.skipIf(!present)("CNI fixture corpus (../shared/fixtures/cni)", () => {
  it("lists files", () => {
    expect(expected.length).toBeGreaterThan(0);
  });

  it.each(expected.map((e) => [e.file, e] as const))("%s", (file, e) => {
    const a = analyze([{ name: file, text: fs.readFileSync(path.join(dir, file), "utf8") }]);
    expect({
      cni: a.cni,
      encapsulation: a.encapsulation,
      configuredMtu: a.configuredMtu,
      kubeProxyMode: a.kubeProxyMode,
      devices: a.devices,
    }).toEqual({
      cni: e.cni,
      encapsulation: e.encapsulation,
      configuredMtu: e.configuredMtu,
      kubeProxyMode: e.kubeProxyMode,
      devices: e.devices,
    });
    // Configuration alone never yields a verdict: there is no underlay MTU to compare with.
    expect(a.verdict.status).toBe("unknown");
  });
});
