#!/usr/bin/env bash
# Builds the lab cluster's binaries from Go modules into a cache outside the checkout:
#   kube-apiserver, kube-controller-manager, kube-scheduler, kubectl, and the real node's kubelet
#   and kube-proxy (k8s.io/kubernetes),
#   etcd (go.etcd.io/etcd/server/v3), kwok and kwokctl (sigs.k8s.io/kwok).
# Each component is built once per version; a second run only checks that it is there.
# Prints the bin directory as its last line.
set -euo pipefail
# This script's folder, taken before any build step changes directory (it is called by a relative path).
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

K8S_VERSION=${UNDERLAY_LAB_K8S_VERSION:-v1.36.3}
ETCD_VERSION=${UNDERLAY_LAB_ETCD_VERSION:-v3.6.16}
KWOK_VERSION=${UNDERLAY_LAB_KWOK_VERSION:-v0.8.0}
CNI_VERSION=${UNDERLAY_LAB_CNI_VERSION:-v1.9.1}
CACHE=${UNDERLAY_LAB_CACHE:-$HOME/.cache/underlay-lab}
BIN="$CACHE/bin/k8s-$K8S_VERSION.etcd-$ETCD_VERSION.kwok-$KWOK_VERSION"

export GOMODCACHE="$CACHE/go/mod" GOCACHE="$CACHE/go/build" GOFLAGS=-mod=mod CGO_ENABLED=0
export GOTOOLCHAIN=${GOTOOLCHAIN:-local}
mkdir -p "$BIN" "$GOMODCACHE" "$GOCACHE"

log() { printf '[lab build] %s\n' "$*" >&2; }
have() { for b in "$@"; do [ -x "$BIN/$b" ] || return 1; done; }

# A throw-away consumer module: `go install` refuses modules with replace directives.
consumer() {
  local dir="$CACHE/src/$1"; rm -rf "$dir"; mkdir -p "$dir"; cd "$dir"
  go mod init "underlay.lab/$1" >/dev/null 2>&1
}

build_kwok() {
  have kwok kwokctl && return
  log "building kwok $KWOK_VERSION"
  GOBIN="$BIN" go install "sigs.k8s.io/kwok/cmd/kwok@$KWOK_VERSION" "sigs.k8s.io/kwok/cmd/kwokctl@$KWOK_VERSION"
}

build_etcd() {
  have etcd && return
  log "building etcd $ETCD_VERSION"
  consumer "etcd-$ETCD_VERSION"
  go get "go.etcd.io/etcd/server/v3@$ETCD_VERSION" >/dev/null
  go build -trimpath -o "$BIN/etcd.tmp" go.etcd.io/etcd/server/v3
  mv "$BIN/etcd.tmp" "$BIN/etcd"
}

build_kubernetes() {
  have kube-apiserver kube-controller-manager kube-scheduler kubectl kubelet kube-proxy && return
  log "building kubernetes $K8S_VERSION (a cold build takes a while on 2 cores)"
  consumer "kubernetes-$K8S_VERSION"
  local gomod staging minor
  gomod=$(go mod download -json "k8s.io/kubernetes@$K8S_VERSION" | sed -n 's/.*"GoMod": "\(.*\)",/\1/p')
  # k8s.io/kubernetes requires its staging modules at v0.0.0 and replaces them with ./staging;
  # a consumer points each at the published v0.<minor>.<patch> of the same release.
  staging="v0.${K8S_VERSION#v1.}"
  {
    echo "require k8s.io/kubernetes $K8S_VERSION"
    grep -oE '^\s*k8s\.io/[a-z0-9-]+ => \./staging' "$gomod" | awk -v v="$staging" '{print "replace " $1 " => " $1 " " v}'
  } >> go.mod
  go mod download k8s.io/kubernetes
  minor=${K8S_VERSION#v1.}; minor=${minor%%.*}
  local ld="-s -w -X k8s.io/component-base/version.gitVersion=$K8S_VERSION -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=$minor"
  ld="$ld -X k8s.io/client-go/pkg/version.gitVersion=$K8S_VERSION -X k8s.io/client-go/pkg/version.gitMajor=1 -X k8s.io/client-go/pkg/version.gitMinor=$minor"
  for cmd in kube-apiserver kube-controller-manager kube-scheduler kubectl kubelet kube-proxy; do
    have "$cmd" && continue
    log "  $cmd"
    go build -trimpath -ldflags "$ld" -o "$BIN/$cmd.tmp" "k8s.io/kubernetes/cmd/$cmd"
    mv "$BIN/$cmd.tmp" "$BIN/$cmd"
  done
}

# The real node's CNI plugins (containernetworking/plugins) and the lab's flannel plugin
# (e2e/lab/cni-flannel), in $BIN/cni-<version>.
build_cni() {
  local dir="$BIN/cni-$CNI_VERSION" here="$HERE"
  if ! (cd "$dir" 2>/dev/null && have_in . bridge host-local loopback portmap); then
    log "building CNI plugins $CNI_VERSION"
    mkdir -p "$dir"
    GOBIN="$dir" go install \
      "github.com/containernetworking/plugins/plugins/main/bridge@$CNI_VERSION" \
      "github.com/containernetworking/plugins/plugins/main/loopback@$CNI_VERSION" \
      "github.com/containernetworking/plugins/plugins/ipam/host-local@$CNI_VERSION" \
      "github.com/containernetworking/plugins/plugins/meta/portmap@$CNI_VERSION"
  fi
  # Rebuilt when its source changes (a few seconds).
  local sum; sum=$(sha256sum "$here/cni-flannel/main.go" | cut -c1-12)
  if [ ! -x "$dir/flannel" ] || [ "$(cat "$dir/.flannel.sum" 2>/dev/null)" != "$sum" ]; then
    (cd "$here/cni-flannel" && GO111MODULE=off GOFLAGS= go build -trimpath -ldflags "-s -w" -o "$dir/flannel" main.go)
    echo "$sum" > "$dir/.flannel.sum"
  fi
}
have_in() { local d=$1; shift; for b in "$@"; do [ -x "$d/$b" ] || return 1; done; }

start=$(date +%s)
build_kwok
build_etcd
build_kubernetes
build_cni
log "ready in $(( $(date +%s) - start ))s"
echo "$BIN"
