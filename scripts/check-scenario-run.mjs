#!/usr/bin/env node
// After an integration pass on one lab scenario: every describeLab block meant for that scenario
// (its name ends in "[lab: a|b|…]" listing it) ran and passed at least one test, so a scenario
// whose tests were all skipped (LAB_SCENARIO unset, a lab that did not come up as named) fails
// instead of passing quietly. Usage: check-scenario-run.mjs <scenario> <vitest JSON report>
import fs from "node:fs";

const [scenario, file] = process.argv.slice(2);
const report = JSON.parse(fs.readFileSync(file, "utf8"));
const blocks = new Map(); // block name -> tests passed in it
for (const t of report.testResults ?? []) {
  for (const a of t.assertionResults ?? []) {
    const block = a.ancestorTitles?.find((x) => /\[lab: [^\]]+\]$/.test(x));
    if (!block) continue;
    const meant = /\[lab: ([^\]]+)\]$/.exec(block)[1].split("|");
    if (!meant.includes(scenario)) continue;
    blocks.set(block, (blocks.get(block) ?? 0) + (a.status === "passed" ? 1 : 0));
  }
}
const idle = [...blocks].filter(([, passed]) => passed === 0).map(([b]) => b);
if (!blocks.size || idle.length) {
  console.error(
    `scenario ${scenario}: ${blocks.size ? `these blocks meant for it ran no test: ${idle.join("; ")}` : "no test block is meant for it"}`,
  );
  process.exit(1);
}
const total = [...blocks.values()].reduce((a, b) => a + b, 0);
console.log(`scenario ${scenario}: ${blocks.size} blocks, ${total} tests passed`);
