#!/usr/bin/env bash
# Re-captures the real ping / dig / conntrack / curl outputs in this folder (ping-*, dig-*,
# conntrack-*, curl-*, resolv-conf-host.txt). Run as root. Uses network namespaces named cap2-*
# only (ul-* belong to the lab, cap-* to capture.sh) and deletes them again; every process it
# starts (dnsmasq, python3 http.server) is killed by pid on exit. No traffic leaves the namespaces.
# Captured with iputils 20221126, DiG 9.18, dnsmasq 2.90, curl 7.88.1, conntrack-tools 1.4.7.
#
# Topology:  cap2-a (10.20.1.1) ── cap2-r (10.20.1.254 | 10.20.2.254, mtu 1400) ── cap2-b (10.20.2.1)
#            cap2-v1 (10.21.0.1) ── cap2-v2 (10.21.0.2), veth 1500, vx0 VXLAN 1500 on top (10.30.0.x)
set -uo pipefail
cd "${1:-$(dirname "$0")}" # optional argument: another output folder

NSS=(cap2-a cap2-r cap2-b cap2-v1 cap2-v2)
PIDS=()
TMP=$(mktemp -d)
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for ns in "${NSS[@]}"; do ip netns delete "$ns" 2>/dev/null || true; done
  rm -rf "$TMP"
}
trap cleanup EXIT
for ns in "${NSS[@]}"; do ip netns delete "$ns" 2>/dev/null || true; done
set -e
for ns in "${NSS[@]}"; do ip netns add "$ns"; ip -n "$ns" link set lo up; done

link() { # ns-a dev-a addr-a ns-b dev-b addr-b mtu
  ip link add "$2" netns "$1" mtu "$7" type veth peer name "$5" netns "$4" mtu "$7"
  ip -n "$1" addr add "$3/24" dev "$2"; ip -n "$1" link set "$2" up
  ip -n "$4" addr add "$6/24" dev "$5"; ip -n "$4" link set "$5" up
}
link cap2-a a0 10.20.1.1 cap2-r r0 10.20.1.254 1500
link cap2-b b0 10.20.2.1 cap2-r r1 10.20.2.254 1400 # the router's far side has a smaller MTU
ip netns exec cap2-r sysctl -qw net.ipv4.ip_forward=1
# `mtu lock`: cap2-a ignores learned PMTU, so every too-big DF ping reaches the router again
ip -n cap2-a route add 10.20.2.0/24 via 10.20.1.254 mtu lock 1500
# no default route: python3 http.server's getfqdn() lookup must fail at once, not wander off
ip -n cap2-b route add 10.20.1.0/24 via 10.20.2.254

# run: stem ns cmd... → stem.txt (stdout) and stem.stderr.txt (stderr), exit status ignored
run() { local stem=$1 ns=$2; shift 2; ip netns exec "$ns" "$@" > "$stem.txt" 2> "$stem.stderr.txt" || true; }
PING=(ping -n -c 5 -i 0.2 -W 2)

# --- ping -------------------------------------------------------------------------------------
run ping-ok cap2-a "${PING[@]}" -M do -s 56 10.20.2.1
run ping-frag-needed cap2-a "${PING[@]}" -M do -s 1472 10.20.2.1
ip netns exec cap2-r nft -f - <<'EOF'
table inet f {
  chain out {
    type filter hook output priority 0;
    icmp type destination-unreachable icmp code frag-needed drop
  }
}
EOF
run ping-silent-loss cap2-a "${PING[@]}" -M do -s 1472 10.20.2.1
ip netns exec cap2-r nft delete table inet f
run ping-dont-fragment-off cap2-a "${PING[@]}" -M dont -s 1472 10.20.2.1
# no neighbour answers ARP for 10.20.1.77: a short run ends before the kernel gives up (plain
# 100% loss); a 4 s run outlasts the ~3 s ARP timeout and gets "Destination Host Unreachable"
run ping-no-reply cap2-a ping -n -c 3 -i 0.2 -W 2 -M do -s 56 10.20.1.77
sleep 4 # let the neighbour entry age out of FAILED again
run ping-host-unreachable cap2-a ping -n -c 20 -i 0.2 -W 2 -M do -s 56 10.20.1.77

# VXLAN at mtu 1500 over a 1500 veth, created without `dev`: 1500 + 50 does not fit → local error
link cap2-v1 v1 10.21.0.1 cap2-v2 v2 10.21.0.2 1500
ip -n cap2-v1 link add vx0 mtu 1500 type vxlan id 1 local 10.21.0.1 remote 10.21.0.2 dstport 8472 df set
ip -n cap2-v2 link add vx0 mtu 1500 type vxlan id 1 local 10.21.0.2 remote 10.21.0.1 dstport 8472 df set
ip -n cap2-v1 addr add 10.30.0.1/24 dev vx0; ip -n cap2-v1 link set vx0 up
ip -n cap2-v2 addr add 10.30.0.2/24 dev vx0; ip -n cap2-v2 link set vx0 up
ip netns exec cap2-v1 ping -n -c 1 -W 2 10.30.0.2 > /dev/null || true # resolve ARP over the tunnel
run ping-vxlan-mtu cap2-v1 "${PING[@]}" -M do -s 1472 10.30.0.2

# --- dig against dnsmasq in cap2-b ------------------------------------------------------------
ip netns exec cap2-b dnsmasq --no-daemon --no-resolv --no-hosts --listen-address=10.20.2.1 \
  --bind-interfaces --local=/example.test/ --address=/svc.example.test/10.96.0.1 \
  --host-record=db.example.test,10.0.0.5 --pid-file="$TMP/dnsmasq.pid" --user=root \
  --log-facility=- > "$TMP/dnsmasq.log" 2>&1 &
PIDS+=($!)
sleep 1
DIG=(dig +tries=1 +time=3 @10.20.2.1)
run dig-a cap2-a "${DIG[@]}" -q db.example.test -t A
run dig-wildcard cap2-a "${DIG[@]}" -q api.svc.example.test -t A
run dig-nxdomain cap2-a "${DIG[@]}" -q nope.example.test -t A
run dig-refused cap2-a "${DIG[@]}" -q kubernetes.io -t A
run dig-timeout cap2-a dig +tries=1 +time=1 @10.20.1.77 -q db.example.test -t A
run dig-port-refused cap2-a dig +tries=1 +time=1 @10.20.2.1 -p 5353 -q db.example.test -t A

# --- curl against python3 http.server in cap2-b -----------------------------------------------
# cap2-b drops TCP to port 8082 (a timeout), and its ct rule makes conntrack track every flow
ip netns exec cap2-b nft -f - <<'EOF'
table inet t {
  chain in {
    type filter hook input priority 0;
    tcp dport 8082 drop
    ct state established,related accept
  }
}
EOF
mkdir -p "$TMP/www"; echo ok > "$TMP/www/healthz"
ip netns exec cap2-b python3 -m http.server 8080 --bind 10.20.2.1 --directory "$TMP/www" \
  > /dev/null 2>&1 &
PIDS+=($!)
sleep 1
CURL=(curl -sS -o /dev/null --max-time 3 -w '%{json}')
run curl-ok cap2-a "${CURL[@]}" --url http://10.20.2.1:8080/healthz
run curl-404 cap2-a "${CURL[@]}" --url http://10.20.2.1:8080/missing
run curl-refused cap2-a "${CURL[@]}" --url http://10.20.2.1:8081/
run curl-timeout cap2-a curl -sS -o /dev/null --max-time 1 -w '%{json}' --url http://10.20.2.1:8082/
run curl-host-unreachable cap2-a curl -sS -o /dev/null --max-time 5 -w '%{json}' --url http://10.20.1.77:8080/

# --- conntrack -S: the ct rule in cap2-b (above) made the kernel track the flows -------------
ip netns exec cap2-a "${CURL[@]}" --url http://10.20.2.1:8080/healthz > /dev/null || true
ip netns exec cap2-a ping -n -c 2 -i 0.2 10.20.2.1 > /dev/null || true
# three TCP segments with SYN+FIN set, which conntrack in cap2-b counts as invalid
ip netns exec cap2-a python3 - <<'EOF'
import socket, struct
s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_TCP)
src, dst = socket.inet_aton("10.20.1.1"), socket.inet_aton("10.20.2.1")
def csum(b):
    t = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    t = (t >> 16) + (t & 0xFFFF); t += t >> 16
    return ~t & 0xFFFF
for port in (40001, 40002, 40003):
    hdr = struct.pack("!HHIIBBHHH", port, 8080, 1, 0, 5 << 4, 0x03, 1024, 0, 0)
    c = csum(src + dst + struct.pack("!BBH", 0, 6, len(hdr)) + hdr)
    s.sendto(hdr[:16] + struct.pack("!H", c) + hdr[18:], ("10.20.2.1", 0))
EOF
run conntrack-list cap2-b conntrack -L
run conntrack-stats cap2-b conntrack -S

cp /etc/resolv.conf resolv-conf-host.txt
find . -maxdepth 1 -name '*.stderr.txt' -empty -delete
echo "captured"
