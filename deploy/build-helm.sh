#!/usr/bin/env bash
# Builds the helm binary from the Go module proxy (helm.sh/helm/v3/cmd/helm) into the lab's cache,
# outside the checkout, with the same ldflags as helm's own Makefile (version, and the Kubernetes
# version `helm template` and `helm lint` assume, taken from the k8s.io/client-go helm requires).
# Built once per version; a second run only checks that it is there.
# Prints the helm binary's path as its last line.
set -euo pipefail

HELM_VERSION=${UNDERLAY_HELM_VERSION:-v3.22.0}
CACHE=${UNDERLAY_LAB_CACHE:-$HOME/.cache/underlay-lab}
BIN="$CACHE/bin/helm-$HELM_VERSION"
MODULE=helm.sh/helm/v3

export GOMODCACHE="$CACHE/go/mod" GOCACHE="$CACHE/go/build" GOFLAGS=-mod=mod CGO_ENABLED=0
export GOTOOLCHAIN=${GOTOOLCHAIN:-local}
mkdir -p "$BIN" "$GOMODCACHE" "$GOCACHE"

log() { printf '[helm build] %s\n' "$*" >&2; }

build_helm() {
  [ -x "$BIN/helm" ] && return
  log "building helm $HELM_VERSION"
  local gomod client_go major minor ld
  gomod=$(go mod download -json "$MODULE@$HELM_VERSION" | sed -n 's/.*"GoMod": "\(.*\)",/\1/p')
  # helm's Makefile: Kubernetes 1.<minor> for client-go v0.<minor>.x.
  client_go=$(awk '$1 == "k8s.io/client-go" { print $2; exit }' "$gomod")
  major=1; minor=${client_go#v0.}; minor=${minor%%.*}
  ld="-s -w -X $MODULE/internal/version.version=$HELM_VERSION"
  ld="$ld -X $MODULE/pkg/chartutil.k8sVersionMajor=$major -X $MODULE/pkg/chartutil.k8sVersionMinor=$minor"
  ld="$ld -X $MODULE/pkg/lint/rules.k8sVersionMajor=$major -X $MODULE/pkg/lint/rules.k8sVersionMinor=$minor"
  GOBIN="$BIN" go install -trimpath -ldflags "$ld" "$MODULE/cmd/helm@$HELM_VERSION"
}

start=$(date +%s)
build_helm
log "ready in $(( $(date +%s) - start ))s"
echo "$BIN/helm"
