import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MAX_TEXT, redact, redactText } from "./redact";

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

describe("redaction of what people paste and tools print", () => {
  it("removes URL passwords, cookies, any Authorization scheme and AWS keys in every form", () => {
    const text = [
      "DATABASE_URL=postgres://app:Pa55w0rd@db.internal:5432/app",
      "git clone https://deploy:ghp_abcdefghijk@git.example.com/x.git",
      "Cookie: underlay_session=eyJzaWQiOi.abc; other=1",
      "set-cookie: underlay_session=zzz; HttpOnly",
      'Authorization: Digest username="a", response="6629fae49393a05397450978507c4ef1"',
      "authorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1",
      "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
      '{"AccessKeyId": "ASIAQWERTYUIOPASDFGH", "SecretAccessKey": "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY"}',
      "aws configure set --secret-access-key Zk3mPq9vLx2Rt8Yw4Bn6Cd1Ef5Gh7Ij0KlMnOpQr",
      "export AWS_SECRET_ACCESS_KEY='Ab1/Cd2+Ef3Gh4Ij5Kl6Mn7Op8Qr9St0UvWxYz1234'",
      "the bare key wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY was in a log",
    ].join("\r\n");
    const out = redactText(text);
    for (const secret of [
      "Pa55w0rd",
      "ghp_abcdefghijk",
      "eyJzaWQiOi",
      "zzz",
      "6629fae49393",
      "AKIDEXAMPLE",
      "wJalrXUtnFEMI",
      "ASIAQWERTYUIOPASDFGH",
      "je7MtGbClwBF",
      "Zk3mPq9vLx2R",
      "Ab1/Cd2+Ef3",
    ])
      expect(out, secret).not.toContain(secret);
    expect(out).toContain("postgres://app:[redacted]@db.internal:5432/app");
    expect(out).toContain("Authorization: Digest [redacted]");
  });

  it("keeps hashes, image digests and the words of a sentence about tokens", () => {
    const text = [
      "commit 3f2a1b4c5d6e7f8091a2b3c4d5e6f708192a3b4c",
      "image: nicolaka/netshoot@sha256:7f1c0e8f2d8c1e3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a",
      "The token is mounted at /var/run/secrets (see docs)",
    ].join("\n");
    expect(redactText(text)).toBe(text);
  });

  // A quadratic pass on any of these runs for minutes, past the test's timeout; a linear one
  // finishes in milliseconds. The output is checked, the time is not (the bench prints figures).
  it("finishes on crafted input that stalls a backtracking pattern", { timeout: 30_000 }, () => {
    for (const crafted of [
      "a-".repeat(120_000),
      "token".repeat(40_000),
      "eyJ-".repeat(60_000),
      "-----BEGIN X-----".repeat(20_000),
      "a://b:".repeat(40_000),
      "A1/".repeat(80_000),
    ]) {
      expect(redactText(crafted).length).toBeLessThanOrEqual(crafted.length);
    }
  });

  it("cuts text over the cap and says so", () => {
    const out = redactText("x ".repeat(MAX_TEXT));
    expect(out.length).toBeLessThan(MAX_TEXT + 100);
    expect(out).toMatch(/\[cut: the text was over 1024 KiB\]$/);
  });
});
