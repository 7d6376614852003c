import { CoreV1Api, type V1Pod } from "@kubernetes/client-node";
import { afterAll, beforeAll, expect, it } from "vitest";
import { execInPod } from "@/server/kube/exec";
import { scenarios } from "./scenarios";
import { describeLab, LAB_SCENARIO, labKubeConfig, waitForGone, waitForPod } from "./testing";

const NS = "underlay-system";
const suffix = Math.random().toString(36).slice(2, 7);

function hostPod(name: string, node: string): V1Pod {
  return {
    metadata: { name, namespace: NS, labels: { "app.kubernetes.io/managed-by": "underlay-test" } },
    spec: {
      nodeName: node,
      hostNetwork: true,
      activeDeadlineSeconds: 600,
      restartPolicy: "Never",
      containers: [
        {
          name: "debug",
          image: "nicolaka/netshoot",
          command: ["sleep", "infinity"],
          securityContext: { capabilities: { add: ["NET_ADMIN", "NET_RAW"] } },
          volumeMounts: [{ name: "cni", mountPath: "/etc/cni/net.d", readOnly: true }],
        },
      ],
      volumes: [{ name: "cni", hostPath: { path: "/etc/cni/net.d", type: "Directory" } }],
    },
  };
}

function podNetPod(name: string, node: string): V1Pod {
  const p = hostPod(name, node);
  p.spec!.hostNetwork = false;
  return p;
}

const running = (p: V1Pod) => p.status?.phase === "Running";

const scenario = scenarios[LAB_SCENARIO];

describeLab(
  ["healthy", "mtu-mismatch", "blackhole", "pmtu-icmp", "jumbo", "dns-broken"],
  "lab cluster",
  () => {
    const kc = labKubeConfig();
    const core = kc.makeApiClient(CoreV1Api);
    const debug = `lab-test-host-${suffix}`;
    const target = `lab-test-target-${suffix}`;
    let targetIp = "";
    const run = (argv: string[], timeoutMs = 20_000) =>
      execInPod({ namespace: NS, pod: debug, container: "debug", argv, timeoutMs });

    beforeAll(async () => {
      await core.createNamespacedPod({ namespace: NS, body: hostPod(debug, "lab-node-1") });
      await core.createNamespacedPod({ namespace: NS, body: podNetPod(target, "lab-node-2") });
      await waitForPod(core, NS, debug, running);
      targetIp = (await waitForPod(core, NS, target, running)).status!.podIP!;
    });

    afterAll(async () => {
      for (const name of [debug, target])
        await core.deleteNamespacedPod({ namespace: NS, name }).catch(() => undefined);
    });

    it("lists the lab's nodes, all Ready, with their underlay addresses", async () => {
      const nodes = (await core.listNode()).items;
      expect(nodes.map((n) => n.metadata!.name).sort()).toEqual([
        "lab-node-1",
        "lab-node-2",
        "lab-node-3",
      ]);
      for (const n of nodes) {
        expect(n.status?.conditions?.find((c) => c.type === "Ready")?.status).toBe("True");
        expect(n.status?.addresses?.find((a) => a.type === "InternalIP")?.address).toMatch(
          /^172\.31\.\d\.2$/,
        );
      }
    });

    it("runs exec in the node's network namespace: flannel.1 with the scenario's MTU", async () => {
      const r = await run(["ip", "-d", "link", "show", "flannel.1"]);
      expect(r.exitCode).toBe(0);
      const text = r.stdout.toString();
      expect(text).toMatch(/vxlan id 1 local 172\.31\.1\.2/);
      const mtu = Number(/ mtu (\d+) /.exec(text)?.[1]);
      expect(mtu).toBe(scenario!.overlayMtu);
      const eth0 = await run(["ip", "-j", "link", "show", "eth0"]);
      expect((JSON.parse(eth0.stdout.toString()) as { mtu: number }[])[0]!.mtu).toBe(
        scenario!.underlayMtu,
      );
    });

    it("gives the pod-network pod its own namespace, IP and overlay MTU", async () => {
      expect(targetIp).toMatch(/^10\.244\.1\.\d+$/);
      const r = await execInPod({
        namespace: NS,
        pod: target,
        container: "debug",
        argv: ["ip", "-j", "addr", "show", "eth0"],
        timeoutMs: 10_000,
      });
      const [eth0] = JSON.parse(r.stdout.toString()) as {
        mtu: number;
        addr_info: { local: string }[];
      }[];
      expect(eth0!.addr_info.map((a) => a.local)).toContain(targetIp);
      expect(eth0!.mtu).toBe(scenario!.overlayMtu);
    });

    it("reads the node's CNI files at their real paths through a hostPath mount", async () => {
      const ls = await run(["ls", "/etc/cni/net.d"]);
      expect(ls.stdout.toString().trim().split("\n")).toEqual(["10-flannel.conflist"]);
      const conf = JSON.parse(
        (await run(["cat", "/etc/cni/net.d/10-flannel.conflist"])).stdout.toString(),
      ) as { plugins: { type: string }[] };
      expect(conf.plugins.map((p) => p.type)).toEqual(["flannel", "portmap"]);
      const resolv = await run(["cat", "/etc/resolv.conf"]);
      expect(resolv.stdout.toString()).toMatch(/nameserver 172\.31\.1\.1/);
    });

    it("passes a 1422-byte DF ping across nodes over the overlay", async () => {
      const r = await run(["ping", "-M", "do", "-c", "3", "-W", "2", "-s", "1422", targetIp]);
      expect(r.stdout.toString()).toMatch(/3 received, 0% packet loss/);
      expect(r.exitCode).toBe(0);
    });

    it.runIf(LAB_SCENARIO === "mtu-mismatch" || LAB_SCENARIO === "jumbo")(
      "fails a 1472-byte DF ping, and the kernel says why",
      async () => {
        const r = await run(["ping", "-M", "do", "-c", "3", "-W", "2", "-s", "1472", targetIp]);
        expect(r.exitCode).not.toBe(0);
        expect(r.stdout.toString() + r.stderr).toMatch(/message too long, mtu=1450/);
      },
    );

    it.runIf(LAB_SCENARIO === "blackhole")(
      "loses a 1472-byte DF ping silently: no error, just no reply",
      async () => {
        const r = await run(["ping", "-M", "do", "-c", "3", "-W", "2", "-s", "1472", targetIp]);
        expect(r.exitCode).toBe(1);
        expect(r.stdout.toString()).toMatch(/3 packets transmitted, 0 received, 100% packet loss/);
        expect(r.stderr).toBe("");
      },
    );

    it.runIf(LAB_SCENARIO === "pmtu-icmp")(
      "fails a 1472-byte DF ping over the overlay, and the path's router says why",
      async () => {
        const r = await run([
          "ping",
          "-M",
          "do",
          "-c",
          "4",
          "-i",
          "0.5",
          "-W",
          "2",
          "-s",
          "1472",
          targetIp,
        ]);
        expect(r.exitCode).not.toBe(0);
        // The router's "fragmentation needed" reaches the sending node: the kernel lowers the path
        // MTU and the overlay reports it, where the black hole says nothing.
        expect(r.stdout.toString() + r.stderr).toMatch(/message too long, mtu=\d+|Frag needed/);
      },
    );

    it.runIf(LAB_SCENARIO === "jumbo")(
      "carries 9000-byte frames on the underlay while the overlay stays at 1450",
      async () => {
        const r = await run(["ping", "-M", "do", "-c", "2", "-W", "2", "-s", "8972", "172.31.2.2"]);
        expect(r.stdout.toString()).toMatch(/2 received/);
      },
    );

    it("resolves a Service name through the cluster DNS Service, or times out when DNS is broken", async () => {
      const r = await execInPod({
        namespace: NS,
        pod: target,
        container: "debug",
        argv: ["dig", "+tries=1", "+time=2", "kubernetes.default.svc.cluster.local"],
        timeoutMs: 15_000,
      });
      if (LAB_SCENARIO === "dns-broken") {
        expect(r.stdout.toString()).toMatch(/no servers could be reached/);
        expect(r.exitCode).toBe(9);
      } else {
        expect(r.stdout.toString()).toMatch(/status: NOERROR/);
        expect(r.stdout.toString()).toMatch(
          /kubernetes\.default\.svc\.cluster\.local\.\s+\d+\s+IN\s+A\s+10\.96\.0\.1/,
        );
        expect(r.stdout.toString()).toMatch(/SERVER: 10\.96\.0\.10#53/);
      }
    });

    it("deletes a debug pod and it is gone", async () => {
      const name = `lab-test-gone-${suffix}`;
      await core.createNamespacedPod({ namespace: NS, body: hostPod(name, "lab-node-2") });
      await waitForPod(core, NS, name, running);
      await core.deleteNamespacedPod({ namespace: NS, name });
      await waitForGone(core, NS, name);
    });
  },
);
