import fs from "node:fs";
import { CoreV1Api } from "@kubernetes/client-node";
import { afterAll, expect, it } from "vitest";
import YAML from "yaml";
import { REPORT_SCHEMA_VERSION } from "@/lib/schemas/report";
import { describeLab, labKubeConfig } from "@/e2e/lab/testing";
import { makeReport } from "./reports";
import { db } from "./store";

describeLab(["healthy"], "reports", () => {
  const core = labKubeConfig().makeApiClient(CoreV1Api);
  const secretName = `planted-${Math.random().toString(36).slice(2, 7)}`;
  afterAll(() =>
    core.deleteNamespacedSecret({ namespace: "default", name: secretName }).catch(() => undefined),
  );

  it("never stores a token, certificate, kubeconfig credential or Secret value planted in the lab", async () => {
    // Plant: a Secret, a ServiceAccount token, and the lab kubeconfig's own client key and CA.
    const password = `pw-${Math.random().toString(36).slice(2)}-${Date.now()}`;
    await core.createNamespacedSecret({
      namespace: "default",
      body: { metadata: { name: secretName }, stringData: { DB_PASSWORD: password } },
    });
    const secret = await core.readNamespacedSecret({ namespace: "default", name: secretName });
    const token = (
      await core.createNamespacedServiceAccountToken({
        namespace: "default",
        name: "default",
        body: { spec: { audiences: [], expirationSeconds: 600 } },
      })
    ).status!.token;
    const kubeconfig = fs.readFileSync(
      process.env.LAB_ADMIN_KUBECONFIG ?? process.env.KUBECONFIG!,
      "utf8",
    ); // the admin's: it holds a client key
    const kc = YAML.parse(kubeconfig) as {
      users: { user: Record<string, string> }[];
      clusters: { cluster: Record<string, string> }[];
    };
    const keyData =
      kc.users[0]!.user["client-key-data"] ??
      fs.readFileSync(kc.users[0]!.user["client-key"]!, "utf8");
    const caData =
      kc.clusters[0]!.cluster["certificate-authority-data"] ??
      fs.readFileSync(kc.clusters[0]!.cluster["certificate-authority"]!, "utf8");
    const planted = [
      password,
      secret.data!.DB_PASSWORD!,
      token,
      keyData.trim().split("\n")[1]!,
      caData.trim().split("\n")[1]!,
    ];

    const r = await makeReport(
      {
        title: `leak test Bearer ${token}`,
        note: `DB_PASSWORD=${password}\n${kubeconfig}`,
        includeMtu: true,
        includeLatency: true,
        diagnostics: [
          {
            diagnostic: "http",
            target: "underlay-system/x/debug",
            commands: [["curl", "--url", `http://10.96.0.1/?token=${token}`]],
            output: `apiVersion: v1\nkind: Secret\ndata:\n  DB_PASSWORD: ${secret.data!.DB_PASSWORD}\n${keyData}\n${caData}\nAuthorization: Bearer ${token}`,
            exitCodes: [0],
            parsed: { token },
            captureId: null,
          },
        ],
      },
      "alice",
    );
    const [row] = await (
      await db()
    ).query<{ everything: string }>(
      "SELECT title || note || body::text AS everything FROM reports WHERE id = $1",
      [r.id],
    );
    for (const value of planted) expect(row!.everything).not.toContain(value);
    expect(row!.everything).toContain("[redacted");
    expect(r.body.schemaVersion).toBe(REPORT_SCHEMA_VERSION);
    expect(r.body.cluster?.context).toBe("kwok-underlay-lab");
  });
});
