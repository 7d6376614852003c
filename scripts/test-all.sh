#!/usr/bin/env bash
# npm test: every tier. Unit (vitest), integration against the lab cluster (one pass per
# scenario), then e2e in Debian's Chromium against the production build. Installs what is
# missing first (Debian packages, npm packages, the lab's Go build).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
echo "== lint (ESLint with Next's, react-hooks' and typescript-eslint's rules; Prettier)"
npm run -s lint
# The store tests and the e2e tier use PostgreSQL (TEST_DATABASE_URL / E2E_DATABASE_URL, default
# postgresql://postgres@127.0.0.1:5432/test) beside the embedded PGlite.
node -e 'const c=new (require("pg").Client)({connectionString:process.env.TEST_DATABASE_URL||"postgresql://postgres@127.0.0.1:5432/test"});c.connect().then(()=>c.end(),e=>{console.error("PostgreSQL is not reachable ("+e.message+"): start it, or set TEST_DATABASE_URL and E2E_DATABASE_URL.");process.exit(1)})'
echo "== lab binaries and helm (built once, cached under ${UNDERLAY_LAB_CACHE:-~/.cache/underlay-lab})"
bash e2e/lab/build.sh >/dev/null
bash deploy/build-helm.sh >/dev/null
echo "== the lab's images (debootstrap, once; cached beside the binaries)"
# Debug pods on the lab's real node use the image its containerd has; KWOK nodes run any name.
UNDERLAY_DEBUG_IMAGE=$(npm run -s lab -- image | tail -n 1)
export UNDERLAY_DEBUG_IMAGE

lab_down() { npm run -s lab -- down >/dev/null 2>&1 || true; }
# The app runs as the Helm chart's ServiceAccount (its ClusterRole and Role applied to the lab's
# real RBAC authorizer); test set-up keeps the lab's admin (LAB_ADMIN_KUBECONFIG).
as_chart_sa() { KUBECONFIG=$1 node --import tsx deploy/lab-identity.ts | tail -n 1; }
# The store of the server code under test lives in a throw-away directory, never ./data.
UNDERLAY_DATA_DIR=$(mktemp -d -t underlay-test-XXXXXX)
export UNDERLAY_DATA_DIR
trap 'lab_down; rm -rf "$UNDERLAY_DATA_DIR"' EXIT

echo "== unit"
npx vitest run --project unit

echo "== integration: lab up/down (calico flavour)"
LAB_SCENARIO=lifecycle npx vitest run --project integration

for scenario in ${UNDERLAY_TEST_SCENARIOS:-healthy real-node mtu-mismatch blackhole pmtu-icmp jumbo dns-broken calico}; do
  echo "== integration: $scenario"
  kubeconfig=$(npm run -s lab -- up "$scenario" | tail -n 1)
  sa=$(as_chart_sa "$kubeconfig")
  LAB_SCENARIO=$scenario KUBECONFIG=$sa LAB_ADMIN_KUBECONFIG=$kubeconfig npx vitest run --project integration \
    --reporter=default --reporter=json --outputFile.json="$UNDERLAY_DATA_DIR/$scenario.json"
  node scripts/check-scenario-run.mjs "$scenario" "$UNDERLAY_DATA_DIR/$scenario.json"
  lab_down
done

echo "== e2e"
npx next build >/dev/null
kubeconfig=$(npm run -s lab -- up healthy | tail -n 1)
LAB_SCENARIO=healthy LAB_KUBECONFIG=$(as_chart_sa "$kubeconfig") npx playwright test
for scenario in real-node mtu-mismatch blackhole pmtu-icmp jumbo calico; do
  echo "== e2e: MTU report on $scenario"
  kubeconfig=$(npm run -s lab -- up "$scenario" | tail -n 1)
  LAB_SCENARIO=$scenario LAB_KUBECONFIG=$kubeconfig npx playwright test e2e/mtu.spec.ts e2e/truth.spec.ts
done
echo "== e2e: latency on dns-broken"
kubeconfig=$(npm run -s lab -- up dns-broken | tail -n 1)
LAB_SCENARIO=dns-broken LAB_KUBECONFIG=$kubeconfig npx playwright test e2e/latency.spec.ts e2e/truth.spec.ts
lab_down
echo "== e2e: npm run demo, as the README says (its own lab up, the dashboard on it, Ctrl-C)"
LAB_DEMO=1 npx playwright test e2e/demo.spec.ts
