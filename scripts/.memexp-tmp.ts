import fs from "node:fs";
import { ObjectSerializer } from "/work/main/node_modules/@kubernetes/client-node/dist/gen/models/ObjectSerializer.js";
import { slim } from "/work/main/server/kube/slim";
const mode = process.argv[2];
const tmpl = JSON.parse(fs.readFileSync("/tmp/pod.json", "utf8"));
const N = 100_000;
const gc = (globalThis as any).gc as () => void;
gc(); const base = process.memoryUsage();
const kept: unknown[] = [];
const t0 = performance.now();
for (let page = 0; page < N / 500; page++) {
  const items = [];
  for (let i = 0; i < 500; i++) {
    const k = page * 500 + i;
    const p = structuredClone(tmpl);
    p.metadata.name = `app-${k % 5000}-${k}`; p.metadata.namespace = `team-${k % 50}`; p.metadata.uid = crypto.randomUUID(); p.metadata.resourceVersion = String(100000 + k);
    p.metadata.labels = { app: `app-${k % 5000}` }; p.spec.nodeName = `kwok-node-${k % 5000}`; p.status.podIP = `100.${64 + (k >> 16)}.${(k >> 8) & 255}.${k & 255}`;
    items.push(p);
  }
  const text = JSON.stringify({ apiVersion: "v1", kind: "PodList", metadata: {}, items });
  const list = ObjectSerializer.deserialize(JSON.parse(text), "V1PodList") as { items: any[] };
  if (mode === "slim") for (const it of list.items) kept.push(slim("pods", it));
  else if (mode === "none") for (const it of list.items) kept.push(it);
}
const t1 = performance.now();
(globalThis as any).keep = kept; gc(); const after = process.memoryUsage();
(globalThis as any).keep = kept; console.log(kept.length, mode, "ms", Math.round(t1 - t0), "heapUsed MB", Math.round((after.heapUsed - base.heapUsed) / 1048576), "rss MB", Math.round(after.rss / 1048576), "per pod B", Math.round((after.heapUsed - base.heapUsed) / N));
