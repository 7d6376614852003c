#!/usr/bin/env bash
# Re-captures the real `ip -d link` / `ip -j -d link` / `ip route` outputs in this folder.
# Run as root. Creates network namespaces named cap-* only (ul-* belong to the lab) and deletes
# them again. Captured on iproute2-6.1.0, kernel 6.18 (this kernel has no geneve, ipip,
# wireguard or 8021q support, so those device kinds could not be captured here).
set -euo pipefail
cd "$(dirname "$0")"

NSS=(cap-fab cap-flannel cap-flpod cap-capod cap-calico cap-cilium cap-mismatch cap-jumbo)
cleanup() { for ns in "${NSS[@]}"; do ip netns delete "$ns" 2>/dev/null || true; done; }
trap cleanup EXIT
cleanup
for ns in "${NSS[@]}"; do ip netns add "$ns"; ip -n "$ns" link set lo up; done

# node NIC: a veth whose peer sits in the fabric namespace (as on kind / container nodes)
nic() { # ns peer-name mtu addr
  ip link add eth0 netns "$1" mtu "$3" type veth peer name "$2" netns cap-fab mtu "$3"
  ip -n "$1" addr add "$4/24" dev eth0
  ip -n "$1" link set eth0 up
  ip -n cap-fab link set "$2" up
  ip -n "$1" route add default via "${4%.*}.254" dev eth0
}
capture() { # ns file-stem
  ip -n "$1" -d link > "$2.txt"
  ip -n "$1" -j -d link > "$2.json"
}

# flannel (vxlan backend) on a 1500 underlay: flannel.1 = 1500 - 50, cni0 bridge, one pod veth
nic cap-flannel fab-fl 1500 10.0.0.1
ip -n cap-flannel link add flannel.1 type vxlan id 1 local 10.0.0.1 dev eth0 dstport 8472 nolearning
ip -n cap-flannel link set flannel.1 mtu 1450 up
ip -n cap-flannel link add cni0 type bridge
ip -n cap-flannel link set cni0 mtu 1450 up
ip -n cap-flannel link add veth3f1c2a9b mtu 1450 type veth peer name eth0 netns cap-flpod mtu 1450
ip -n cap-flannel link set veth3f1c2a9b master cni0 up
capture cap-flannel ip-link-flannel
ip -n cap-flannel route > ip-route-flannel.txt
ip -n cap-flannel -j route > ip-route-flannel.json

# calico (VXLAN mode): vxlan.calico VNI 4096 port 4789, a cali* workload veth
nic cap-calico fab-ca 1500 10.0.1.1
ip -n cap-calico link add vxlan.calico type vxlan id 4096 local 10.0.1.1 dev eth0 dstport 4789 nolearning
ip -n cap-calico link set vxlan.calico mtu 1450 up
ip -n cap-calico link add cali4c7d8e1f2a3 mtu 1450 type veth peer name eth0 netns cap-capod mtu 1450
ip -n cap-calico link set cali4c7d8e1f2a3 up
capture cap-calico ip-link-calico

# cilium (tunnel mode, vxlan): collect-metadata cilium_vxlan, cilium_host/cilium_net veth pair
nic cap-cilium fab-ci 1500 10.0.2.1
ip -n cap-cilium link add cilium_vxlan type vxlan external dstport 8472
ip -n cap-cilium link set cilium_vxlan up
ip -n cap-cilium link add cilium_host mtu 1450 type veth peer name cilium_net mtu 1450
ip -n cap-cilium link set cilium_host up
ip -n cap-cilium link set cilium_net up
capture cap-cilium ip-link-cilium

# mismatch: flannel.1 created without `dev`, left at 1500 over a 1500 eth0
nic cap-mismatch fab-mm 1500 10.0.3.1
ip -n cap-mismatch link add flannel.1 type vxlan id 1 local 10.0.3.1 dstport 8472 nolearning
ip -n cap-mismatch link set flannel.1 mtu 1500 up
capture cap-mismatch ip-link-mismatch

# jumbo: eth0 9000 but flannel.1 still at 1450
nic cap-jumbo fab-jb 9000 10.0.4.1
ip -n cap-jumbo link add flannel.1 type vxlan id 1 local 10.0.4.1 dev eth0 dstport 8472 nolearning
ip -n cap-jumbo link set flannel.1 mtu 1450 up
capture cap-jumbo ip-link-jumbo

# the host's own devices (read only): a physical-looking NIC without linkinfo, and lo
ip -d link > ip-link-host.txt
ip -j -d link > ip-link-host.json
