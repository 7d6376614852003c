#!/usr/bin/env bash
# Re-captures captured-pastes/*.txt: what a user copies from a terminal on a flannel node, prompt
# and command line included, for the paste reader's tests. Run as root. Uses network namespaces
# cap3-* only (ul-* belong to the lab, cap-*/cap2-* to the other capture scripts) and deletes them.
# Each file is `root@<node>:~# <command>` then the command's real output, as a terminal shows it.
# Captured with iproute2 6.1.0 and net-tools 2.10 on kernel 6.18.
set -euo pipefail
OUT="${1:-$(dirname "$0")/captured-pastes}"
mkdir -p "$OUT"
NSS=(cap3-fab cap3-node1 cap3-node2 cap3-pod cap3-cilium cap3-kr)
cleanup() { for ns in "${NSS[@]}"; do ip netns delete "$ns" 2>/dev/null || true; done; }
trap cleanup EXIT
cleanup
for ns in "${NSS[@]}"; do ip netns add "$ns"; ip -n "$ns" link set lo up; done

node() { # ns fabric-peer eth0-mtu addr flannel-mtu
  ip link add eth0 netns "$1" mtu "$3" type veth peer name "$2" netns cap3-fab mtu "$3"
  ip -n "$1" addr add "$4/24" dev eth0
  ip -n "$1" link set eth0 up
  ip -n cap3-fab link set "$2" up
  ip -n "$1" route add default via "${4%.*}.254" dev eth0
  ip -n "$1" link add flannel.1 type vxlan id 1 local "$4" dev eth0 dstport 8472 nolearning
  ip -n "$1" link set flannel.1 mtu "$5" up
  ip -n "$1" link add cni0 type bridge
  ip -n "$1" link set cni0 mtu "$5" up
}
node cap3-node1 fab-n1 1500 10.0.0.11 1450
node cap3-node2 fab-n2 1500 10.0.0.12 1450
# node2's NIC was lowered to 1450 after flannel.1 was made: the kernel leaves flannel.1 at 1450.
ip -n cap3-node2 link set eth0 mtu 1450
ip -n cap3-node1 addr add 10.244.0.0/32 dev flannel.1
ip -n cap3-node1 addr add 10.244.0.1/24 dev cni0
ip -n cap3-node1 link add veth4d2e1a7c mtu 1450 type veth peer name eth0 netns cap3-pod mtu 1450
ip -n cap3-node1 link set veth4d2e1a7c master cni0 up
ip -n cap3-node1 route add 10.244.1.0/24 via 10.244.1.0 dev flannel.1 onlink
ip -n cap3-node1 neigh add 10.244.1.0 lladdr 0a:58:0a:f4:01:00 dev flannel.1 nud permanent
bridge -n cap3-node1 fdb append 0a:58:0a:f4:01:00 dev flannel.1 dst 10.0.0.12 self permanent
ip -n cap3-node1 route add 10.96.0.0/12 dev cni0 mtu lock 1400
ip -n cap3-node1 route add 10.245.0.0/24 via 10.244.0.1 dev cni0 mtu 1410

run() { # ns file command...
  local ns=$1 file=$2; shift 2
  { printf 'root@%s:~# %s\n' "${ns#cap3-}" "$*"; ip netns exec "$ns" "$@"; } > "$OUT/$file"
}
run cap3-node1 ip-d-addr.txt ip -d addr
run cap3-node1 ip-addr.txt ip addr
run cap3-node1 ip-a.txt ip a
run cap3-node1 ip-l.txt ip l
run cap3-node1 ip-d-link-show-flannel.txt ip -d link show flannel.1
run cap3-node1 ip-br-link.txt ip -br link
run cap3-node1 ip-br-addr.txt ip -br addr
run cap3-node1 ip-r-s.txt ip r s
run cap3-node1 ip-c-d-link.txt ip -c=always -d link
run cap3-node1 ifconfig.txt ifconfig -a
run cap3-node1 bridge-fdb-show.txt bridge fdb show dev flannel.1
{ printf 'root@node1:~# ip link | grep mtu\n'; ip netns exec cap3-node1 ip link | grep mtu; } > "$OUT/ip-link-grep-mtu.txt"
{ printf 'root@node1:~# ifconfig | grep mtu\n'; ip netns exec cap3-node1 ifconfig | grep mtu; } > "$OUT/ifconfig-grep-mtu.txt"
# Two nodes in one paste, as a user gathers them for a ticket (node2's eth0 is 1450: its flannel.1 1450 no longer fits).
run cap3-node1 two-nodes.1 ip -d link
run cap3-node2 two-nodes.2 ip -d link
cat "$OUT/two-nodes.1" "$OUT/two-nodes.2" > "$OUT/two-nodes-ip-d-link.txt"
rm "$OUT/two-nodes.1" "$OUT/two-nodes.2"

# Cilium in tunnel mode: a collect-metadata cilium_vxlan, cilium_host/cilium_net, and the pod MTU on
# the routes through cilium_host (as the agent writes them); one route pinned above what fits.
ip link add eth0 netns cap3-cilium mtu 1500 type veth peer name fab-ci netns cap3-fab mtu 1500
ip -n cap3-cilium addr add 10.0.0.21/24 dev eth0
ip -n cap3-cilium link set eth0 up
ip -n cap3-fab link set fab-ci up
ip -n cap3-cilium route add default via 10.0.0.254 dev eth0
ip -n cap3-cilium link add cilium_vxlan type vxlan external dstport 8472
ip -n cap3-cilium link set cilium_vxlan up
ip -n cap3-cilium link add cilium_host mtu 1500 type veth peer name cilium_net mtu 1500
ip -n cap3-cilium link set cilium_host up
ip -n cap3-cilium link set cilium_net up
ip -n cap3-cilium addr add 10.1.0.5/32 dev cilium_host
ip -n cap3-cilium route add 10.1.1.0/24 via 10.1.0.5 dev cilium_host src 10.1.0.5 mtu 1450
{ printf 'root@cilium-node:~# ip -d link\n'; ip netns exec cap3-cilium ip -d link
  printf 'root@cilium-node:~# ip route\n'; ip netns exec cap3-cilium ip route; } > "$OUT/cilium-ip-d-link-and-routes.txt"
ip -n cap3-cilium route replace 10.1.1.0/24 via 10.1.0.5 dev cilium_host src 10.1.0.5 mtu 1500
{ printf 'root@cilium-node:~# ip -d link\n'; ip netns exec cap3-cilium ip -d link
  printf 'root@cilium-node:~# ip route\n'; ip netns exec cap3-cilium ip route; } > "$OUT/cilium-route-mtu-too-big.txt"

# kube-router: its kube-bridge bridge, no tunnel (same-subnet nodes are routed). Its kube-dummy-if
# is a dummy device, which this kernel cannot make.
ip link add eth0 netns cap3-kr mtu 1500 type veth peer name fab-kr netns cap3-fab mtu 1500
ip -n cap3-kr link set eth0 up
ip -n cap3-fab link set fab-kr up
ip -n cap3-kr link add kube-bridge type bridge
ip -n cap3-kr link set kube-bridge up
run cap3-kr kube-router-ip-d-link.txt ip -d link
