#!/usr/bin/env bash
# Installs what the tests need when it is missing: Debian packages (Chromium for the e2e tier,
# the network tools the lab runs, containerd, runc and debootstrap for its real node) and the npm packages. Safe to run again: it only adds.
set -euo pipefail
cd "$(dirname "$0")/.."

# command -> Debian package
declare -A need=(
  [chromium]=chromium [ip]=iproute2 [ping]=iputils-ping [tracepath]=iputils-tracepath [nft]=nftables
  [dig]=dnsutils [curl]=curl [iperf3]=iperf3 [tcpdump]=tcpdump [traceroute]=traceroute [mtr]=mtr-tiny
  [conntrack]=conntrack [nsenter]=util-linux [unshare]=util-linux [pkill]=procps [dnsmasq]=dnsmasq-base
  [ethtool]=ethtool [iptables]=iptables [go]=golang-go
  [containerd]=containerd [runc]=runc [debootstrap]=debootstrap [openssl]=openssl
)
missing=()
for cmd in "${!need[@]}"; do
  [ "$cmd" = go ] && [ -x /usr/local/go/bin/go ] && continue
  command -v "$cmd" >/dev/null 2>&1 || missing+=("${need[$cmd]}")
done
# fonts so that screenshots show text
[ -d /usr/share/fonts/truetype/liberation ] || missing+=(fonts-liberation)
if [ ${#missing[@]} -gt 0 ]; then
  pkgs=$(printf '%s\n' "${missing[@]}" | sort -u | tr '\n' ' ')
  if [ "$(id -u)" != 0 ]; then
    echo "install-deps: missing Debian packages: $pkgs- run as root, or install them first." >&2
    exit 1
  fi
  echo "install-deps: installing $pkgs" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # shellcheck disable=SC2086
  apt-get install -y -qq --no-install-recommends $pkgs >/dev/null
fi
[ -d node_modules ] || npm ci
