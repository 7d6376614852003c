import { CoreV1Api } from "@kubernetes/client-node";
import { afterAll, expect, it } from "vitest";
import { planDiagnostic } from "@/lib/debug/diagnostics";
import type { DiagnosticEvent } from "@/lib/debug/events";
import { MANAGED_BY, MANAGER } from "@/lib/debug/pod-spec";
import type { DebugPod } from "@/lib/schemas/debug";
import {
  describeLab,
  identityWith,
  kubeconfigVariant,
  labKubeConfig,
  pinnedPod,
  waitForGone,
} from "@/e2e/lab/testing";
import { activeExecStreams, execInPod } from "@/server/kube/exec";
import { getCapture } from "@/server/store/captures";
import { db } from "@/server/store";
import { deleteDebugPod, getDebugPod, launch, listDebugPods, reap } from "./pods";
import { runDiagnostic } from "./run";

const core = () => labKubeConfig().makeApiClient(CoreV1Api);
const NS = "underlay-system";

async function untilRunning(d: DebugPod): Promise<DebugPod> {
  for (let i = 0; i < 120; i++) {
    const now = await getDebugPod(d);
    if (now.ready) return now;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${d.id} never became Running`);
}

async function diagnose(d: DebugPod, id: string, params: unknown = {}): Promise<DiagnosticEvent[]> {
  const planned = planDiagnostic(id, params);
  if (!planned.ok) throw new Error(planned.message);
  const events: DiagnosticEvent[] = [];
  await runDiagnostic(d, planned.plan, (e) => events.push(e), { user: "test" });
  return events;
}
const stdout = (events: DiagnosticEvent[]) =>
  events.flatMap((e) => (e.type === "output" && e.stream === "stdout" ? [e.text] : [])).join("");

describeLab(["healthy"], "debug pods", () => {
  const made: DebugPod[] = [];
  afterAll(async () => {
    for (const d of made)
      await core()
        .deleteNamespacedPod({ namespace: d.namespace, name: d.pod })
        .catch(() => undefined);
  });

  it("never opens more exec streams than the cap, however many are asked for at once", async () => {
    const d = await launch({ mode: "node", node: "lab-node-3", ttlSeconds: 600 }, "alice");
    made.push(d);
    const running = await untilRunning(d);
    const { cap } = activeExecStreams();
    let most = 0;
    let queued = 0;
    const sample = setInterval(() => {
      const now = activeExecStreams();
      most = Math.max(most, now.open);
      queued = Math.max(queued, now.waiting);
    }, 5);
    const runs = await Promise.all(
      Array.from({ length: cap + 8 }, () =>
        execInPod({ ...running, argv: ["sleep", "0.3"], timeoutMs: 30_000 }),
      ),
    );
    clearInterval(sample);
    expect(runs.every((r) => r.exitCode === 0)).toBe(true);
    expect(most).toBeLessThanOrEqual(cap);
    expect(queued).toBeGreaterThan(0);
    expect(activeExecStreams()).toMatchObject({ open: 0, waiting: 0 });
  });

  it("launches a node debug pod: host network, NET_ADMIN, CNI directories read-only, a hard deadline", async () => {
    const d = await launch({ mode: "node", node: "lab-node-1", ttlSeconds: 600 }, "alice");
    made.push(d);
    expect(d).toMatchObject({
      namespace: NS,
      node: "lab-node-1",
      mode: "node",
      container: "debug",
      creator: "alice",
    });
    const pod = await core().readNamespacedPod({ namespace: NS, name: d.pod });
    expect(pod.metadata?.labels?.[MANAGED_BY]).toBe(MANAGER);
    expect(pod.spec).toMatchObject({
      hostNetwork: true,
      nodeName: "lab-node-1",
      activeDeadlineSeconds: 600,
    });
    expect(pod.spec?.containers[0]?.securityContext?.capabilities?.add).toEqual([
      "NET_ADMIN",
      "NET_RAW",
    ]);
    expect(pod.spec?.volumes?.map((v) => v.hostPath?.path)).toEqual([
      "/etc/cni/net.d",
      "/run/flannel",
    ]);
    expect(pod.spec?.containers[0]?.volumeMounts?.every((m) => m.readOnly)).toBe(true);
    expect(Date.parse(d.expiresAt) - Date.parse(d.createdAt)).toBeGreaterThan(590_000);

    const running = await untilRunning(d);
    const events = await diagnose(running, "interfaces");
    const result = events.find((e) => e.type === "result") as {
      parsed: { devices: { name: string; kind: string; mtu: number }[] };
    };
    expect(result.parsed.devices.find((x) => x.name === "flannel.1")).toMatchObject({
      kind: "vxlan",
      mtu: 1450,
    });
    expect(result.parsed.devices.find((x) => x.name === "eth0")).toMatchObject({ mtu: 1500 });
    expect(events.at(-1)).toEqual({ type: "done", ok: true });

    expect(stdout(await diagnose(running, "resolv"))).toContain("nameserver");
    const subnet = await execInPod({
      ...running,
      argv: ["cat", "/run/flannel/subnet.env"],
      timeoutMs: 10_000,
    });
    expect(subnet.stdout.toString()).toContain("FLANNEL_MTU=1450");
  });

  it("launches a pod-network debug pod with a pod address on its node", async () => {
    const d = await untilRunning(await launch({ mode: "pod-network", node: "lab-node-2" }, "bob"));
    made.push(d);
    expect(d.podIP).toMatch(/^10\.244\.1\.\d+$/);
    const ping = await diagnose(d, "ping", { target: "10.244.0.1", size: 1422, count: 2 });
    expect(stdout(ping)).toMatch(/2 received/);
    const parsed = (
      ping.find((e) => e.type === "result") as {
        parsed: { received: number; payloadBytes: number; silentLoss: boolean };
      }
    ).parsed;
    expect(parsed).toMatchObject({ received: 2, payloadBytes: 1422, silentLoss: false });
  });

  it("attaches an ephemeral debug container to a running pod and runs in its network namespace", async () => {
    const name = `app-${Math.random().toString(36).slice(2, 7)}`;
    await core().createNamespacedPod({
      namespace: "default",
      body: {
        metadata: { name },
        spec: { nodeName: "lab-node-3", containers: [{ name: "app", image: "nginx" }] },
      },
    });
    made.push({ namespace: "default", pod: name } as DebugPod);
    let target = await core().readNamespacedPod({ namespace: "default", name });
    for (let i = 0; i < 60 && target.status?.phase !== "Running"; i++) {
      await new Promise((r) => setTimeout(r, 500));
      target = await core().readNamespacedPod({ namespace: "default", name });
    }
    const d = await untilRunning(
      await launch({ mode: "attach", target: { namespace: "default", pod: name } }, "carol"),
    );
    expect(d).toMatchObject({ mode: "attach", pod: name, creator: "carol" });
    const pod = await core().readNamespacedPod({ namespace: "default", name });
    expect(pod.spec?.ephemeralContainers?.[0]).toMatchObject({
      name: d.container,
      targetContainerName: "app",
    });
    const addr = await execInPod({
      ...d,
      argv: ["ip", "-br", "addr", "show", "eth0"],
      timeoutMs: 10_000,
    });
    expect(addr.stdout.toString()).toContain(target.status!.podIP!);
    await expect(deleteDebugPod(d)).rejects.toMatchObject({ code: "cannot_delete" });
  });

  it("says why a debug pod does not start: the image pull failure with the event's message", async () => {
    const name = `underlay-debug-badimage-${Math.random().toString(36).slice(2, 7)}`;
    await core().createNamespacedPod({
      namespace: NS,
      body: pinnedPod({
        name,
        node: "lab-node-1",
        image: "lab.invalid/netshoot",
        labels: { [MANAGED_BY]: MANAGER },
      }),
    });
    made.push({ namespace: NS, pod: name } as DebugPod);
    let found: DebugPod | undefined;
    for (let i = 0; i < 40 && !found?.reason; i++) {
      await new Promise((r) => setTimeout(r, 500));
      found = (await listDebugPods()).find((d) => d.pod === name);
    }
    expect(found?.phase).toBe("Pending");
    expect(found?.reason).toMatch(/^ImagePullBackOff: Failed to pull image: .*not found/);
  });

  it("kills a command past its timeout and says so", async () => {
    const [d] = (await listDebugPods()).filter((x) => x.mode === "node" && x.ready);
    const r = await execInPod({ ...d!, argv: ["sleep", "7"], timeoutMs: 1000 });
    expect(r).toMatchObject({ timedOut: true, exitCode: null });
  });

  it("captures packets to a downloadable pcap", async () => {
    const [d] = (await listDebugPods()).filter((x) => x.mode === "node" && x.ready);
    const pinger = execInPod({
      ...d!,
      argv: ["ping", "-c", "6", "-i", "0.3", "10.244.2.0"],
      timeoutMs: 10_000,
    });
    const events = await diagnose(d!, "capture", {
      interface: "flannel.1",
      protocol: "icmp",
      count: 4,
      seconds: 8,
    });
    await pinger;
    const cap = events.find((e) => e.type === "capture") as { id: string; bytes: number };
    const stored = await getCapture(await db(), cap.id);
    expect(stored!.bytes.length).toBe(cap.bytes);
    expect(stored!.bytes.readUInt32LE(0)).toBe(0xa1b2c3d4); // pcap magic
  });

  it("names the missing permission: create pods, then create pods/exec", async () => {
    const [d] = (await listDebugPods()).filter((x) => x.mode === "node" && x.ready);
    const lab = process.env.KUBECONFIG!;
    const reader = await identityWith(
      `underlay-test-reader-${Math.random().toString(36).slice(2, 7)}`,
      [
        {
          apiGroups: [""],
          resources: ["pods", "nodes", "namespaces", "events"],
          verbs: ["get", "list", "watch"],
        },
      ],
    );
    process.env.KUBECONFIG = kubeconfigVariant("reader", { token: reader.token });
    try {
      await expect(launch({ mode: "node", node: "lab-node-1" }, "eve")).rejects.toMatchObject({
        status: 403,
        message:
          'The dashboard\'s Kubernetes identity is not allowed to create pods in namespace underlay-system. Grant the "create" verb on "pods" to its ServiceAccount or user.',
      });
      await expect(
        execInPod({ ...d!, argv: ["ip", "link"], timeoutMs: 5000 }),
      ).rejects.toMatchObject({
        status: 403,
        message:
          'The dashboard\'s Kubernetes identity is not allowed to create pods/exec in namespace underlay-system. Grant the "create" verb on "pods/exec".',
      });
    } finally {
      process.env.KUBECONFIG = lab;
      await reader.dispose();
    }
  });

  it("reaps a debug pod past its deadline", async () => {
    const d = await launch({ mode: "node", node: "lab-node-3", ttlSeconds: 60 }, "dave");
    expect(await reap(undefined, new Date(Date.now() + 30_000))).not.toContain(d.pod);
    expect(await reap(undefined, new Date(Date.now() + 61_000))).toContain(d.pod);
    await waitForGone(core(), NS, d.pod);
  });
});
