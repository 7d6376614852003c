/**
 * npm run lab -- up <scenario> | down | status | image
 * `up` prints the kubeconfig path as its last line; `down` leaves no process, network
 * namespace, veth or VXLAN device behind.
 */
import fs from "node:fs";
import path from "node:path";
import { apply, createCluster, deleteCluster, ensureBinaries, kubectl, type Bin } from "./cluster";
import { buildFabric, buildOverlay, listLabNetns, teardownAll } from "./net";
import {
  calicoConflist,
  cniObjects,
  dnsObjects,
  flannelConflist,
  flannelSubnetEnv,
  kubeProxyObjects,
  nodeObjects,
  shopObjects,
  underlayNamespace,
} from "./objects";
import { CONTEXT, NODE_HOST_PATHS, paths, RUN } from "./paths";
import { daemon, tryRun } from "./run";
import { populateScale } from "./scale";
import { nodePlan, scenarios, type Scenario } from "./scenarios";
import { writeShims } from "./shims";
import { ensureImages, startRealNode, stopRealNode, type Images } from "./real-node";

type State = {
  scenario: string;
  startedAt: string;
  bin: Bin;
  createdHostDirs: string[];
  wirerPid?: number;
  /** Real nodes' names, and the images their containerd has. */
  realNodes?: string[];
  images?: Images;
};

const say = (msg: string) => process.stderr.write(`[lab] ${msg}\n`);
const readState = (): State | null =>
  fs.existsSync(paths.state) ? (JSON.parse(fs.readFileSync(paths.state, "utf8")) as State) : null;

function writeNodeRoots(s: Scenario) {
  for (let i = 1; i <= s.nodes; i++) {
    const n = nodePlan(s, i);
    const root = path.join(paths.roots, n.netns);
    const put = (rel: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      fs.writeFileSync(path.join(root, rel), text);
    };
    put("etc/resolv.conf", `nameserver ${n.gateway}\n`);
    if (s.cni === "flannel") {
      put("etc/cni/net.d/10-flannel.conflist", JSON.stringify(flannelConflist, null, 2) + "\n");
      put("run/flannel/subnet.env", flannelSubnetEnv(s, i));
    } else {
      put(
        "etc/cni/net.d/10-calico.conflist",
        JSON.stringify(calicoConflist(s, n.name), null, 2) + "\n",
      );
      put(
        "etc/cni/net.d/calico-kubeconfig",
        "# written by calico-node; credentials omitted in the lab\n",
      );
      put("var/run/calico/.keep", "");
    }
  }
}

/** hostPath mounts are bound over these host paths inside exec; create the ones missing. */
function ensureHostDirs(): string[] {
  const created: string[] = [];
  for (const p of NODE_HOST_PATHS) {
    if (fs.existsSync(p)) continue;
    fs.mkdirSync(p, { recursive: true });
    created.push(p);
  }
  return created;
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 120_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Gateway API CRDs (the upstream files in ../shared/fixtures) and a shop that uses them. */
async function applyShop(bin: Bin) {
  const dir = path.resolve(__dirname, "../../../shared/fixtures/gateway-api");
  if (!fs.existsSync(dir)) return say(`no Gateway API CRDs at ${dir}: the shop is left out`);
  for (const f of fs
    .readdirSync(dir)
    .filter((x) => x.endsWith(".yaml"))
    .sort())
    await kubectl(bin, [
      "apply",
      "--server-side",
      "--field-manager=underlay-lab",
      "-f",
      path.join(dir, f),
    ]);
  await kubectl(bin, [
    "wait",
    "--for=condition=Established",
    "--timeout=60s",
    "crd/gateways.gateway.networking.k8s.io",
    "crd/httproutes.gateway.networking.k8s.io",
  ]);
  await apply(bin, shopObjects());
}

async function up(name: string | undefined) {
  const s = name ? scenarios[name] : undefined;
  if (!s)
    throw new Error(
      `usage: npm run lab -- up <scenario>; scenarios: ${Object.keys(scenarios).join(", ")}`,
    );
  if (process.getuid?.() !== 0)
    throw new Error("the lab needs root (network namespaces, veth and VXLAN devices)");
  if (readState() || (await listLabNetns()).length) {
    say("a lab is already up: taking it down first");
    await down();
  }
  const started = Date.now();
  say("building or finding the binaries");
  const bin = await ensureBinaries();
  const images = s.realNodes?.length ? await ensureImages() : undefined;
  fs.mkdirSync(RUN, { recursive: true });
  writeShims(paths.shims);
  const createdHostDirs = ensureHostDirs();
  const state: State = {
    scenario: s.name,
    startedAt: new Date().toISOString(),
    bin,
    createdHostDirs,
    images,
  };
  fs.writeFileSync(paths.state, JSON.stringify(state, null, 2));
  if (s.nodes) {
    say(
      `wiring ${s.nodes} node namespaces (${s.cni}, underlay ${s.underlayMtu}, overlay ${s.overlayMtu}${s.pathMtu ? `, path ${s.pathMtu}` : ""})`,
    );
    await buildFabric(s);
    await buildOverlay(s);
    writeNodeRoots(s);
  }
  say("starting etcd, kube-apiserver, controller manager, scheduler and kwok");
  await createCluster(bin, !s.scale, !!images);
  if (!s.scale) {
    state.wirerPid = daemon(
      [process.execPath, "--import", "tsx", path.join(__dirname, "wirer.ts")],
      paths.wirerLog,
    );
    fs.writeFileSync(paths.state, JSON.stringify(state, null, 2));
  }
  await apply(bin, [underlayNamespace(), ...nodeObjects(s)]);
  if (images) {
    state.realNodes = [];
    for (const i of s.realNodes ?? []) {
      const name = nodePlan(s, i).name;
      say(`starting ${name}'s containerd and kubelet (a real node)`);
      state.realNodes.push(name); // before it starts: a failed start is taken down too
      fs.writeFileSync(paths.state, JSON.stringify(state, null, 2));
      await startRealNode(s, i, bin, images);
    }
  }
  if (s.scale) {
    say(`creating ${s.scale.nodes} nodes, ${s.scale.services} Services and ${s.scale.pods} pods`);
    await populateScale(paths.kubeconfig, s.scale);
  }
  await apply(bin, [...cniObjects(s), ...kubeProxyObjects(), ...dnsObjects()]);
  if (s.nodes) await applyShop(bin);
  // The CNI's and kube-proxy's DaemonSets, CoreDNS and the shop: every pod wired and Running.
  if (s.nodes) {
    await waitFor("nodes to be Ready", async () => {
      const out = await kubectl(bin, [
        "get",
        "nodes",
        "-o",
        'jsonpath={range .items[*]}{.status.conditions[?(@.type=="Ready")].status}{"\\n"}{end}',
      ]);
      return (
        out
          .trim()
          .split("\n")
          .filter((l) => l === "True").length === s.nodes
      );
    });
    await waitFor("the lab's pods to run", async () => {
      const out = await kubectl(bin, [
        "get",
        "pods",
        "-A",
        "-o",
        'jsonpath={range .items[*]}{.status.phase}{"\\n"}{end}',
      ]);
      const phases = out.trim().split("\n").filter(Boolean);
      return phases.length >= s.nodes * 2 && phases.every((p) => p === "Running");
    });
  }
  say(
    `scenario ${s.name} is up in ${Math.round((Date.now() - started) / 1000)}s (context ${CONTEXT})`,
  );
  process.stdout.write(`${paths.kubeconfig}\n`);
}

async function down() {
  const state = readState();
  if (state?.wirerPid) {
    try {
      process.kill(state.wirerPid, "SIGTERM");
    } catch {
      /* already gone */
    }
  }
  await deleteCluster(state?.bin ?? null);
  // Anything still running from the lab's directory (a crashed run, a stray component):
  // asked to stop, then killed if it has not within 15 seconds.
  await tryRun(["pkill", "-f", RUN]);
  await waitFor(
    "lab processes to exit",
    async () => !(await tryRun(["pgrep", "-f", RUN])),
    15_000,
  ).catch(() => tryRun(["pkill", "-9", "-f", RUN]));
  for (const name of state?.realNodes ?? []) await stopRealNode(name);
  await teardownAll();
  for (const d of state?.createdHostDirs ?? []) fs.rmSync(d, { recursive: true, force: true });
  fs.rmSync(RUN, { recursive: true, force: true });
  say("lab is down");
}

async function status() {
  const state = readState();
  if (!state) {
    console.log("no lab is up");
    return;
  }
  console.log(`scenario: ${state.scenario} (up since ${state.startedAt})`);
  console.log(`kubeconfig: ${paths.kubeconfig} (context ${CONTEXT})`);
  const procs = (await tryRun(["pgrep", "-af", RUN])) ?? "";
  console.log(
    `processes:\n${
      procs
        .split("\n")
        .filter(Boolean)
        .map((l) => "  " + l.split(" ").slice(0, 2).join(" "))
        .join("\n") || "  none"
    }`,
  );
  console.log(`network namespaces: ${(await listLabNetns()).join(" ") || "none"}`);
  const nodes = await kubectl(state.bin, ["get", "nodes", "--no-headers"]).catch(
    (e: Error) => `(API server not answering: ${e.message})`,
  );
  console.log(`nodes:\n${nodes.trimEnd()}`);
}

async function main() {
  const [cmd, arg] = process.argv.slice(2);
  if (cmd === "up") {
    try {
      await up(arg);
    } catch (e) {
      if (!process.env.UNDERLAY_LAB_KEEP_ON_FAILURE && readState()) {
        say(
          `up failed: ${(e as Error).message}; taking the half-built lab down (UNDERLAY_LAB_KEEP_ON_FAILURE=1 keeps it)`,
        );
        await down();
      }
      throw e;
    }
  } else if (cmd === "down") await down();
  else if (cmd === "status") await status();
  // The debug image real nodes have (UNDERLAY_DEBUG_IMAGE for the dashboard on a real-node lab).
  else if (cmd === "image") process.stdout.write(`${(await ensureImages()).netshoot}\n`);
  else throw new Error("usage: npm run lab -- up <scenario> | down | status | image");
}

main().catch((e: Error) => {
  say(e.message);
  process.exit(1);
});
