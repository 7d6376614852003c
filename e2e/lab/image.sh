#!/usr/bin/env bash
# Builds the lab's container images from Debian's packages into a cache outside the checkout, as
# Docker archives that `ctr images import` takes (no registry is reachable from the lab):
#   underlay.lab/netshoot:<tag>  debootstrap (minbase) with the tools Underlay's debug pods run
#   underlay.lab/pause:<tag>     the sandbox image: e2e/lab/pause, a static Go binary
# Each is built once per package list; a second run only checks that it is there.
# Prints the image directory as its last line.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

SUITE=${UNDERLAY_LAB_IMAGE_SUITE:-bookworm}
MIRROR=${UNDERLAY_LAB_IMAGE_MIRROR:-http://deb.debian.org/debian}
CACHE=${UNDERLAY_LAB_CACHE:-$HOME/.cache/underlay-lab}
TOOLS=iproute2,iputils-ping,iputils-tracepath,dnsutils,bind9-host,curl,tcpdump,iperf3,conntrack,traceroute,mtr-tiny,fping,nftables,iptables,ethtool,procps,netcat-openbsd
# The tag changes when what goes into an image does.
TAG=$SUITE-$( (echo "$TOOLS"; cat "$here/pause/main.go") | sha256sum | cut -c1-12)
OUT="$CACHE/images/$TAG"
log() { printf '[lab image] %s\n' "$*" >&2; }

# docker_archive <rootfs dir> <repo:tag> <out.tar> <entrypoint json>
docker_archive() {
  local rootfs=$1 ref=$2 out=$3 cmd=$4 work diff
  work=$(mktemp -d "$OUT/.pack-XXXXXX")
  tar --numeric-owner --xattrs -C "$rootfs" -cf "$work/layer.tar" .
  diff=$(sha256sum "$work/layer.tar" | cut -d' ' -f1)
  cat > "$work/config.json" <<JSON
{"architecture":"amd64","os":"linux","config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],"Cmd":$cmd},"rootfs":{"type":"layers","diff_ids":["sha256:$diff"]}}
JSON
  echo "[{\"Config\":\"config.json\",\"RepoTags\":[\"$ref\"],\"Layers\":[\"layer.tar\"]}]" > "$work/manifest.json"
  tar -C "$work" -cf "$out.tmp" manifest.json config.json layer.tar
  mv "$out.tmp" "$out"
  rm -rf "$work"
}

mkdir -p "$OUT"
start=$(date +%s)
if [ ! -f "$OUT/netshoot.tar" ]; then
  log "debootstrap $SUITE with $TOOLS (a few minutes, once)"
  rootfs="$OUT/netshoot.rootfs"
  rm -rf "$rootfs"
  debootstrap --variant=minbase --include="$TOOLS" "$SUITE" "$rootfs" "$MIRROR" > "$OUT/debootstrap.log" 2>&1 ||
    { tail -n 20 "$OUT/debootstrap.log" >&2; exit 1; }
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* "$rootfs"/usr/share/doc/* \
    "$rootfs"/usr/share/man/* "$rootfs"/usr/share/locale/*
  docker_archive "$rootfs" "underlay.lab/netshoot:$TAG" "$OUT/netshoot.tar" '["sleep","infinity"]'
  rm -rf "$rootfs"
fi
if [ ! -f "$OUT/pause.tar" ]; then
  log "pause"
  rootfs=$(mktemp -d "$OUT/.pause-XXXXXX")
  (cd "$here/pause" && GOCACHE="$CACHE/go/build" CGO_ENABLED=0 GOFLAGS= GO111MODULE=off \
    go build -trimpath -ldflags "-s -w" -o "$rootfs/pause" main.go)
  docker_archive "$rootfs" "underlay.lab/pause:$TAG" "$OUT/pause.tar" '["/pause"]'
  rm -rf "$rootfs"
fi
log "ready in $(( $(date +%s) - start ))s"
echo "$OUT"
