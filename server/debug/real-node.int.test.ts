/**
 * Debug pods on the lab's real node (lab-node-3 of the real-node scenario): a kubelet built from
 * the control plane's module, with containerd and runc. What KWOK only imitates happens here:
 * the image is really there or really pulled, exec streams through the kubelet and containerd,
 * the kubelet ends a pod at its deadline.
 */
import fs from "node:fs";
import path from "node:path";
import {
  CoreV1Api,
  PatchStrategy,
  setHeaderOptions,
  type CoreV1Event,
  type V1Pod,
} from "@kubernetes/client-node";
import { afterAll, expect, it } from "vitest";
import { planDiagnostic } from "@/lib/debug/diagnostics";
import type { DiagnosticEvent } from "@/lib/debug/events";
import { MANAGED_BY, MANAGER } from "@/lib/debug/pod-spec";
import type { DebugPod } from "@/lib/schemas/debug";
import { env } from "@/lib/env";
import { paths } from "@/e2e/lab/paths";
import { describeLab, labKubeConfig, pinnedPod, waitForPod } from "@/e2e/lab/testing";
import { execInPod } from "@/server/kube/exec";
import { getDebugPod, launch, listDebugPods } from "./pods";
import { runDiagnostic } from "./run";

const core = () => labKubeConfig().makeApiClient(CoreV1Api);
const NODE = "lab-node-3";
const NS = "underlay-system";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A pod the real kubelet runs from the image its containerd has (never pulled). */
const appPod = (name: string) =>
  pinnedPod({
    name,
    node: NODE,
    image: env().UNDERLAY_DEBUG_IMAGE,
    imagePullPolicy: "Never",
    command: ["sleep", "600"],
  });

async function untilRunning(d: DebugPod): Promise<DebugPod> {
  for (let i = 0; i < 240; i++) {
    const now = await getDebugPod(d);
    if (now.ready) return now;
    await sleep(500);
  }
  throw new Error(`${d.id} never became Running: ${(await getDebugPod(d)).reason}`);
}

async function diagnose(d: DebugPod, id: string, params: unknown = {}) {
  const planned = planDiagnostic(id, params);
  if (!planned.ok) throw new Error(planned.message);
  const events: DiagnosticEvent[] = [];
  await runDiagnostic(d, planned.plan, (e) => events.push(e), { user: "test" });
  return events;
}
const resultOf = <T>(events: DiagnosticEvent[]) =>
  (events.find((e) => e.type === "result") as { parsed: T } | undefined)?.parsed;

async function eventsOf(namespace: string, pod: string): Promise<CoreV1Event[]> {
  const list = await core().listNamespacedEvent({
    namespace,
    fieldSelector: `involvedObject.name=${pod}`,
  });
  return list.items;
}

describeLab(["real-node"], "debug pods on a real kubelet", () => {
  const made: { namespace: string; pod: string }[] = [];
  afterAll(async () => {
    for (const d of made)
      await core()
        .deleteNamespacedPod({ namespace: d.namespace, name: d.pod, gracePeriodSeconds: 0 })
        .catch(() => undefined);
  });

  it("the node is the kubelet's own: registered, Ready, with containerd as its runtime", async () => {
    const node = await core().readNode({ name: NODE });
    expect(node.status?.nodeInfo?.containerRuntimeVersion).toMatch(/^containerd:\/\//);
    expect(node.status?.nodeInfo?.kubeletVersion).toMatch(/^v1\.\d+\.\d+/);
    expect(node.status?.conditions?.find((c) => c.type === "Ready")?.status).toBe("True");
    expect(node.metadata?.annotations?.["kwok.x-k8s.io/node"]).toBeUndefined();
  });

  it("runs a node debug pod: the image is not pulled again, exec streams through the kubelet, the node's devices and files are seen", async () => {
    const d = await launch({ mode: "node", node: NODE, ttlSeconds: 600 }, "alice");
    made.push(d);
    const running = await untilRunning(d);
    const pod = await core().readNamespacedPod({ namespace: NS, name: d.pod });
    expect(pod.spec?.containers[0]).toMatchObject({
      image: env().UNDERLAY_DEBUG_IMAGE,
      imagePullPolicy: "IfNotPresent",
    });
    const status = pod.status?.containerStatuses?.[0];
    expect(status?.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    expect(status?.imageID).toMatch(/sha256:[0-9a-f]{64}/);
    // The kubelet's own word that it did not pull: the image was on the node already.
    const pulled = (await eventsOf(NS, d.pod)).find((e) => e.reason === "Pulled");
    expect(pulled?.message).toMatch(/already present on machine/);

    const interfaces = resultOf<{ devices: { name: string; kind: string; mtu: number }[] }>(
      await diagnose(running, "interfaces"),
    );
    expect(interfaces?.devices.find((x) => x.name === "flannel.1")).toMatchObject({
      kind: "vxlan",
      mtu: 1450,
    });
    expect(interfaces?.devices.find((x) => x.name === "eth0")).toMatchObject({ mtu: 1500 });
    const subnet = await execInPod({
      ...running,
      argv: ["cat", "/run/flannel/subnet.env"],
      timeoutMs: 10_000,
    });
    expect(subnet.stdout.toString()).toContain("FLANNEL_SUBNET=10.244.2.1/24");
    const exit = await execInPod({ ...running, argv: ["sh", "-c", "exit 3"], timeoutMs: 10_000 });
    expect(exit.exitCode).toBe(3);
  });

  it("runs a pod-network debug pod with an address from the node's CNI, across the overlay to a KWOK node's pod network", async () => {
    const d = await untilRunning(await launch({ mode: "pod-network", node: NODE }, "bob"));
    made.push(d);
    expect(d.podIP).toMatch(/^10\.244\.2\.\d+$/);
    const ping = resultOf<{ received: number; payloadBytes: number }>(
      await diagnose(d, "ping", { target: "10.244.0.1", size: 1422, count: 2 }),
    );
    expect(ping).toMatchObject({ received: 2, payloadBytes: 1422 });
    const route = await execInPod({ ...d, argv: ["ip", "route"], timeoutMs: 10_000 });
    expect(route.stdout.toString()).toMatch(/10\.244\.0\.0\/16 via 10\.244\.2\.1/);
  });

  it("attaches an ephemeral container to a pod the kubelet runs, in that pod's network namespace", async () => {
    const name = `app-${Math.random().toString(36).slice(2, 7)}`;
    await core().createNamespacedPod({ namespace: "default", body: appPod(name) });
    made.push({ namespace: "default", pod: name });
    const target = await waitForPod(
      core(),
      "default",
      name,
      (p) => p.status?.phase === "Running",
      90_000,
    );
    const d = await untilRunning(
      await launch({ mode: "attach", target: { namespace: "default", pod: name } }, "carol"),
    );
    const addr = await execInPod({
      ...d,
      argv: ["ip", "-br", "addr", "show", "eth0"],
      timeoutMs: 10_000,
    });
    expect(addr.stdout.toString()).toContain(target.status!.podIP!);
    const pod = await core().readNamespacedPod({ namespace: "default", name });
    expect(pod.status?.ephemeralContainerStatuses?.[0]?.containerID).toMatch(/^containerd:\/\//);
  });

  it("routes Services through the node's own kube-proxy, in the mode its ConfigMap names", async () => {
    const host = await untilRunning(
      await launch({ mode: "node", node: NODE, ttlSeconds: 600 }, "gina"),
    );
    made.push(host);
    const nat = await execInPod({
      ...host,
      argv: ["iptables-save", "-t", "nat"],
      timeoutMs: 10_000,
    });
    expect(nat.stdout.toString()).toMatch(
      /-A KUBE-SERVICES -d 10\.96\.0\.10\/32 -p udp .*--dport 53/,
    );
    const tables = await execInPod({ ...host, argv: ["nft", "list", "tables"], timeoutMs: 10_000 });
    expect(tables.stdout.toString()).not.toContain("underlay_lab_proxy"); // the lab's DNAT is not here
    const pod = await untilRunning(await launch({ mode: "pod-network", node: NODE }, "gina"));
    made.push(pod);
    const dig = await execInPod({
      ...pod,
      argv: ["dig", "+short", "+time=2", "+tries=3", "kube-dns.kube-system.svc.cluster.local"],
      timeoutMs: 20_000,
    });
    expect(dig.stdout.toString().trim()).toBe("10.96.0.10");
  });

  it("says why a debug pod does not start: the kubelet's real pull failure", async () => {
    const name = `underlay-debug-badimage-${Math.random().toString(36).slice(2, 7)}`;
    await core().createNamespacedPod({
      namespace: NS,
      body: pinnedPod({
        name,
        node: NODE,
        image: "lab.invalid/netshoot:v0.13",
        labels: { [MANAGED_BY]: MANAGER },
      }),
    });
    made.push({ namespace: NS, pod: name });
    let found: DebugPod | undefined;
    for (let i = 0; i < 120 && !/ImagePull/.test(found?.reason ?? ""); i++) {
      await sleep(500);
      found = (await listDebugPods()).find((d) => d.pod === name);
    }
    expect(found?.phase).toBe("Pending");
    // containerd's resolver could not reach the registry: the kubelet's event says so.
    expect(found?.reason).toMatch(
      /^(ErrImagePull|ImagePullBackOff): Failed to pull image "lab\.invalid\/netshoot:v0\.13": .*lab\.invalid/,
    );
  });

  it("says why a pod gets no network: the node's CNI failing, in its own words", async () => {
    // flanneld's file gone (as when flanneld has not started on the node yet).
    const subnetEnv = path.join(paths.roots, "ul-node-3", "run/flannel/subnet.env");
    const saved = fs.readFileSync(subnetEnv, "utf8");
    fs.rmSync(subnetEnv);
    try {
      const d = await launch({ mode: "pod-network", node: NODE }, "frank");
      made.push(d);
      let now = d;
      for (let i = 0; i < 120 && !now.reason?.startsWith("FailedCreatePodSandBox"); i++) {
        await sleep(500);
        now = await getDebugPod(d);
      }
      expect(now.ready).toBe(false);
      expect(now.reason).toMatch(
        /^FailedCreatePodSandBox: .*plugin type="flannel" failed \(add\): flannel: open \/run\/flannel\/subnet\.env: no such file or directory \(is flanneld running\?\)/,
      );
    } finally {
      fs.writeFileSync(subnetEnv, saved);
    }
  });

  it("the kubelet ends a debug pod at its deadline (activeDeadlineSeconds), with no help from Underlay", async () => {
    const d = await launch({ mode: "node", node: NODE, ttlSeconds: 60 }, "dave");
    made.push(d);
    await untilRunning(d);
    const ended: V1Pod = await waitForPod(
      core(),
      NS,
      d.pod,
      (p) => p.status?.phase === "Failed",
      120_000,
    );
    expect(ended.status?.reason).toBe("DeadlineExceeded");
  }, 150_000);

  it("names Pod Security admission, not a permission, when a namespace's level refuses the debug container", async () => {
    // default is where the chart's identity may attach; its level raised for this test only.
    const label = "pod-security.kubernetes.io/enforce";
    const name = `app-psa-${Math.random().toString(36).slice(2, 7)}`;
    await core().createNamespacedPod({ namespace: "default", body: appPod(name) });
    made.push({ namespace: "default", pod: name });
    await waitForPod(core(), "default", name, (p) => p.status?.phase === "Running", 90_000);
    const merge = setHeaderOptions("Content-Type", PatchStrategy.MergePatch);
    await core().patchNamespace(
      { name: "default", body: { metadata: { labels: { [label]: "baseline" } } } },
      merge,
    );
    try {
      const err = await launch(
        { mode: "attach", target: { namespace: "default", pod: name } },
        "erin",
        {
          role: "admin",
        },
      ).catch((e: unknown) => e);
      expect(err).toMatchObject({ status: 403 });
      expect((err as Error).message).toMatch(
        /^Pod Security admission refused the pod: its namespace enforces the "baseline" level, which forbids non-default capabilities \(container "underlay-debug-\w+" must not include "NET_ADMIN", "NET_RAW"/,
      );
      const pod = await core().readNamespacedPod({ namespace: "default", name });
      expect(pod.spec?.ephemeralContainers ?? []).toEqual([]);
    } finally {
      await core().patchNamespace(
        { name: "default", body: { metadata: { labels: { [label]: null } } } },
        merge,
      );
    }
  });
});
