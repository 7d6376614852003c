import fs from "node:fs";
import path from "node:path";
import { AppsV1Api, CoreV1Api, KubeConfig } from "@kubernetes/client-node";
import { expect, it } from "vitest";
import { analyze } from "@/lib/analyze/analyze";
import { cniSources } from "@/server/collect/cni-sources";
import { execInPod } from "@/server/kube/exec";
import { listLabNetns } from "./net";
import { NODE_HOST_PATHS, RUN } from "./paths";
import { nodeCgroups } from "./real-node";
import { run, tryRun } from "./run";
import { describeLab, pinnedPod, waitForPod } from "./testing";

const lab = (...args: string[]) => run(["bash", "e2e/lab/lab.sh", ...args], { timeoutMs: 900_000 });
const hostLinks = async () =>
  (JSON.parse(await run(["ip", "-j", "link"])) as { ifname: string }[]).map((l) => l.ifname).sort();
const labProcesses = async () => ((await tryRun(["pgrep", "-f", RUN])) ?? "").trim();

describeLab(["lifecycle"], "lab up and down", () => {
  it("brings up the calico flavour, and down leaves nothing behind", async () => {
    const linksBefore = await hostLinks();
    const out = await lab("up", "calico");
    const kubeconfig = out.trim().split("\n").pop()!;
    expect(fs.existsSync(kubeconfig)).toBe(true);
    expect(await listLabNetns()).toEqual(
      expect.arrayContaining(["ul-fabric", "ul-node-1", "ul-node-2", "ul-node-3"]),
    );
    expect(await labProcesses()).not.toBe("");
    expect(await lab("status")).toMatch(/scenario: calico/);

    const kc = new KubeConfig();
    kc.loadFromFile(kubeconfig);
    process.env.KUBECONFIG = kubeconfig;
    const core = kc.makeApiClient(CoreV1Api);
    const cm = await core.readNamespacedConfigMap({
      namespace: "kube-system",
      name: "calico-config",
    });
    expect(cm.data?.veth_mtu).toBe("1450");
    const ds = await kc
      .makeApiClient(AppsV1Api)
      .readNamespacedDaemonSet({ namespace: "kube-system", name: "calico-node" });
    expect(ds.status?.numberReady).toBe(3);
    const pods = await core.listNamespacedPod({
      namespace: "kube-system",
      labelSelector: "k8s-app=calico-node",
    });
    const pod = pods.items.find((p) => p.spec?.nodeName === "lab-node-2")!;
    const link = await execInPod({
      namespace: "kube-system",
      pod: pod.metadata!.name!,
      container: "calico-node",
      argv: ["ip", "-d", "link", "show", "vxlan.calico"],
      timeoutMs: 10_000,
    });
    expect(link.stdout.toString()).toMatch(/mtu 1450 /);
    expect(link.stdout.toString()).toMatch(
      /vxlan id 4096 local 172\.31\.2\.2 dev eth0 .*dstport 4789/,
    );
    const conf = await execInPod({
      namespace: "kube-system",
      pod: pod.metadata!.name!,
      container: "calico-node",
      argv: ["cat", "/etc/cni/net.d/10-calico.conflist"],
      timeoutMs: 10_000,
    });
    expect(JSON.parse(conf.stdout.toString()).plugins[0]).toMatchObject({
      type: "calico",
      mtu: 1450,
      nodename: "lab-node-2",
    });

    // CNI detection from the cluster's own objects: calico-config, calico-node, kube-proxy.
    const { inputs } = await cniSources();
    expect(inputs.map((i) => i.name)).toEqual([
      "ConfigMap kube-system/calico-config",
      "ConfigMap kube-system/kube-proxy",
      "DaemonSet kube-system/calico-node",
    ]);
    expect(analyze(inputs)).toMatchObject({
      cni: "calico",
      encapsulation: "vxlan",
      configuredMtu: 1450,
      mtuSource: "ConfigMap kube-system/calico-config key veth_mtu",
      kubeProxyMode: "iptables",
    });

    await lab("down");
    expect(await listLabNetns()).toEqual([]);
    expect(await labProcesses()).toBe("");
    expect(await hostLinks()).toEqual(linksBefore);
    expect(fs.existsSync(kubeconfig)).toBe(false);
    expect(await lab("status")).toMatch(/no lab is up/);
  });

  it("brings up a real node, and down leaves none of it behind: no daemon, container, cgroup or directory", async () => {
    const dirsBefore = NODE_HOST_PATHS.filter((p) => fs.existsSync(p));
    const kc = new KubeConfig();
    kc.loadFromFile((await lab("up", "real-node")).trim().split("\n").pop()!);
    const core = kc.makeApiClient(CoreV1Api);
    const image = JSON.parse(fs.readFileSync(path.join(RUN, "state.json"), "utf8")).images.netshoot;
    await core.createNamespacedPod({
      namespace: "default",
      body: pinnedPod({ name: "app", node: "lab-node-3", image, command: ["sleep", "600"] }),
    });
    await waitForPod(core, "default", "app", (p) => p.status?.phase === "Running", 90_000);
    expect(await tryRun(["pgrep", "-f", "containerd-shim-runc-v2"])).not.toBeNull();
    expect(nodeCgroups("lab-node-3")).not.toEqual([]);

    await lab("down");
    expect(await labProcesses()).toBe("");
    expect(await tryRun(["pgrep", "-f", "containerd-shim-runc-v2"])).toBeNull();
    expect(await tryRun(["pgrep", "-f", "sleep 600"])).toBeNull(); // the container, reparented
    expect(nodeCgroups("lab-node-3")).toEqual([]);
    expect(NODE_HOST_PATHS.filter((p) => fs.existsSync(p))).toEqual(dirsBefore);
    expect(await listLabNetns()).toEqual([]);
  });
});
