import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { redact, redactText } from "./redact";

// A real status captured from the lab, and a real kubeconfig layout (kwokctl writes this form).
const status = fs.readFileSync(
  path.join(__dirname, "../../server/kube/testdata/status-403-list-nodes.json"),
  "utf8",
);

describe("redaction", () => {
  it("removes PEM blocks, inline kubeconfig credentials, bearer tokens and JWTs", () => {
    const pem =
      "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUY2VydA==\n-----END CERTIFICATE-----";
    const text = [
      pem,
      "    client-key-data: LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQ==",
      "    token: 8f1c2b3d4e5f60718293a4b5c6d7e8f9",
      "Authorization: Bearer abcdefgh12345678ijkl",
      "eyJhbGciOiJSUzI1NiIsImtpZCI6IjEifQ.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQifQ.c2lnbmF0dXJlLXNpZ25hdHVyZQ",
      "curl http://db.internal/health?token=s3cr3t&x=1",
      "DB_PASSWORD=hunter2 PATH=/usr/bin",
    ].join("\n");
    const out = redactText(text);
    for (const secret of [
      "MIIBszCC",
      "LS0tLS1CRUdJTi",
      "8f1c2b3d4e5f",
      "abcdefgh12345678",
      "eyJhbGciOi",
      "s3cr3t",
      "hunter2",
    ])
      expect(out).not.toContain(secret);
    expect(out).toContain("PATH=/usr/bin");
    expect(out).toContain("x=1");
  });

  it("keeps what a network report needs: addresses, MTUs, device names, API messages", () => {
    const text =
      "3: flannel.1: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue\n    vxlan id 1 local 172.31.1.2 dev eth0 dstport 8472";
    expect(redactText(text)).toBe(text);
    expect(redactText(status)).toBe(status);
  });

  it("walks objects and blanks values under secret-named keys", () => {
    expect(redact({ a: [{ token: "abc" }], note: "Bearer abcdefgh12345678", n: 1500 })).toEqual({
      a: [{ token: "[redacted]" }],
      note: "Bearer [redacted]",
      n: 1500,
    });
  });
});
