#!/usr/bin/env bash
# Re-captures ping-proxy-arp-first.txt and ping-proxy-arp-no-delay.txt: a pod's /32 behind a
# proxy-ARP veth, as Calico wires it (gateway 169.254.1.1 answered by proxy ARP on the host side),
# pinged 10 times at 0.2 s — once with the kernel's default proxy_delay (80 jiffies: the first
# packets queue behind the delayed ARP answer) and once with 0, as Calico's Felix sets it. Run as
# root. Namespaces cap3-* only, deleted again; no traffic leaves them. iputils 20221126.
#
# Topology: cap3-pod eth0 (10.244.9.2/32) ── calicap (proxy_arp) cap3-node ── up0 ── cap3-far
#           the target is cap3-node's own 10.9.9.9; cap3-node routes 169.254.1.1 out via up0.
set -uo pipefail
cd "${1:-$(dirname "$0")}"
NSS=(cap3-pod cap3-node cap3-far)
cleanup() { for ns in "${NSS[@]}"; do ip netns delete "$ns" 2>/dev/null || true; done; }
trap cleanup EXIT
cleanup
set -e
for ns in "${NSS[@]}"; do ip netns add "$ns"; ip -n "$ns" link set lo up; done
ip link add eth0 netns cap3-pod type veth peer name calicap netns cap3-node
ip link add up0 netns cap3-node type veth peer name eth0 netns cap3-far
ip -n cap3-pod link set eth0 up
ip -n cap3-node link set calicap up
ip -n cap3-node link set up0 up
ip -n cap3-far link set eth0 up
# Proxy ARP answers only when forwarding is on and the target routes out another interface.
ip netns exec cap3-node sysctl -qw net.ipv4.ip_forward=1
ip -n cap3-node addr add 192.168.77.1/24 dev up0
ip -n cap3-far addr add 192.168.77.2/24 dev eth0
ip -n cap3-node route add default via 192.168.77.2
ip -n cap3-node addr add 10.9.9.9/32 dev lo
ip -n cap3-pod addr add 10.244.9.2/32 dev eth0
ip -n cap3-pod route add 169.254.1.1 dev eth0 scope link
ip -n cap3-pod route add default via 169.254.1.1 dev eth0
ip netns exec cap3-node sysctl -qw net.ipv4.conf.calicap.proxy_arp=1
ip -n cap3-node route add 10.244.9.2/32 dev calicap scope link
ip netns exec cap3-pod ping -n -c 10 -i 0.2 -W 1 -- 10.9.9.9 > ping-proxy-arp-first.txt
ip netns exec cap3-node sysctl -qw net.ipv4.neigh.calicap.proxy_delay=0
ip -n cap3-pod neigh flush all
ip netns exec cap3-pod ping -n -c 10 -i 0.2 -W 1 -- 10.9.9.9 > ping-proxy-arp-no-delay.txt
echo "captured"
