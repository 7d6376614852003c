#!/usr/bin/env bash
# Re-captures captured-pastes/lab-*.txt: what `kubectl describe` / `kubectl get` print for the CNI
# objects of a running lab scenario, as a terminal shows it (prompt and command line included),
# for the paste reader's tests. Needs a lab up (`npm run lab -- up healthy`, then `… up calico`):
#   bash lib/testdata/capture-lab-pastes.sh healthy   # flannel objects
#   bash lib/testdata/capture-lab-pastes.sh calico    # calico objects
# Captured with the lab's kubectl v1.36.3 against its kube-apiserver.
set -euo pipefail
OUT="$(cd "$(dirname "$0")" && pwd)/captured-pastes"
KC=${KUBECONFIG:-$HOME/.cache/underlay-lab/run/kubeconfig.yaml}
KUBECTL="$(bash "$(dirname "$0")/../../e2e/lab/build.sh" 2>/dev/null | tail -n 1)/kubectl"
run() { # file command...
  local file=$1; shift
  { printf 'user@laptop:~$ %s\n' "$*"; "$KUBECTL" --kubeconfig "$KC" "${@:2}"; } > "$OUT/$file"
}
case "${1:?scenario: healthy or calico}" in
  healthy)
    run lab-describe-cm-flannel.txt kubectl -n kube-flannel describe configmap kube-flannel-cfg
    run lab-describe-ds-flannel.txt kubectl -n kube-flannel describe daemonset kube-flannel-ds
    run lab-get-cm-flannel-json.txt kubectl -n kube-flannel get configmap kube-flannel-cfg -o json
    ;;
  calico)
    run lab-describe-ds-calico.txt kubectl -n kube-system describe daemonset calico-node
    run lab-get-ds-calico-yaml.txt kubectl -n kube-system get daemonset calico-node -o yaml
    ;;
esac
