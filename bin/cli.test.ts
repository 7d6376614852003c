import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = path.join(repoRoot, "bin/underlay.mjs");
const testdata = (f: string) => path.join(repoRoot, "lib/testdata", f);

/** Runs the CLI as `npx underlay` would: plain node on bin/underlay.mjs, argv array, no shell. */
function run(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: repoRoot,
    encoding: "utf8",
    input,
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// Each spawn compiles the TypeScript with tsx (~1 s on a busy 2-core machine): generous timeout.
describe("underlay analyze (CLI)", { timeout: 60_000 }, () => {
  it("prints exactly one JSON object and exits 0 on a mismatch", () => {
    const r = run(["analyze", "--json", testdata("ip-link-mismatch.txt")]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({
      cni: "flannel",
      encapsulation: "vxlan",
      verdict: { status: "mismatch", maxOverlayMtu: 1450 },
    });
    expect(out.devices).toContainEqual({ name: "flannel.1", kind: "vxlan", mtu: 1500 });
  });

  it("reads stdin with - and prints the human table", () => {
    const r = run(["analyze", "-"], fs.readFileSync(testdata("ip-link-jumbo.json"), "utf8"));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Verdict\s+SUBOPTIMAL/);
    expect(r.stdout).toMatch(/flannel\.1\s+vxlan\s+1450\s+overlay/);
  });

  it("reads a two-node terminal paste from stdin: a table of nodes and what each piece was read as", () => {
    const r = run(
      ["analyze", "-"],
      fs.readFileSync(testdata("captured-pastes/two-nodes-ip-d-link.txt"), "utf8"),
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Verdict\s+MISMATCH \(node2, the worst of 2 nodes\)/);
    expect(r.stdout).toMatch(/node1\s+ok\s+eth0 1500\s+flannel\.1 1450/);
    expect(r.stdout).toMatch(/node2\s+mismatch\s+eth0 1450\s+flannel\.1 1450/);
    expect(r.stdout).toMatch(/stdin\s+18-28\s+`ip -d link` \(4 devices\)/);
  });

  it("exits 2 with a sentence for a missing file", () => {
    const r = run(["analyze", "--json", testdata("no-such-capture.txt")]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^underlay: cannot read .*no-such-capture\.txt: no such file\.\n$/);
  });

  it("exits 2 for a binary file", () => {
    const r = run(["analyze", "--json", process.execPath]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("looks like a binary file");
  });

  it("exits 2 for an unrecognised file and for bad usage", () => {
    expect(run(["analyze", testdata("capture.sh")])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("is not in a recognised format"),
    });
    expect(run([]).code).toBe(2);
    expect(run(["analyse", testdata("ip-link-host.txt")]).stderr).toContain(
      'unknown command "analyse"',
    );
    expect(run(["analyze"]).stderr).toContain("no FILE given");
  });
});
