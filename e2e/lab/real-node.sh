#!/usr/bin/env bash
# One real lab node: containerd, the kubelet and kube-proxy, inside the node's network namespace and a private
# mount namespace (started as `nsenter --net=… unshare --mount --propagation private -- real-node.sh
# <dir>`). The node's own /etc/cni/net.d, /run/flannel and /var/lib/cni are bound over the host's
# there, so the CNI, hostPath volumes and host-network pods see this node's files, as on a machine
# of its own. Exits (and takes the others down) when any daemon does.
set -euo pipefail
dir=$1 root=$2
# shellcheck source=/dev/null
. "$dir/node.env" # IMAGES, KUBELET, KUBE_PROXY, NODE_NAME, NODE_IP: written by real-node.ts

for p in etc/cni/net.d run/flannel var/lib/cni; do
  mkdir -p "$root/$p" "/$p"
  mount --bind "$root/$p" "/$p"
done
# The node's resolv.conf is the kubelet's (resolvConf in its config), not bound over the host's.

containerd --config "$dir/containerd.toml" >> "$dir/containerd.log" 2>&1 &
containerd_pid=$!
for _ in $(seq 1 100); do
  ctr --address "$dir/containerd.sock" version > /dev/null 2>&1 && break
  sleep 0.2
done
# No registry: the pause and debug images are imported (cached outside the checkout by image.sh).
for tar in "$IMAGES"/*.tar; do
  ctr --address "$dir/containerd.sock" -n k8s.io images import "$tar" >> "$dir/containerd.log" 2>&1
done
echo "images imported" >> "$dir/containerd.log"

"$KUBELET" --config="$dir/kubelet.yaml" --kubeconfig="$dir/kubelet.kubeconfig" \
  --hostname-override="$NODE_NAME" --node-ip="$NODE_IP" --root-dir="$dir/kubelet" \
  --cert-dir="$dir/pki" --v=2 >> "$dir/kubelet.log" 2>&1 &
kubelet_pid=$!
# kube-proxy as its DaemonSet would run it here (host network, the node's namespace).
"$KUBE_PROXY" --config="$dir/kube-proxy.yaml" --v=2 >> "$dir/kube-proxy.log" 2>&1 &
proxy_pid=$!

trap 'kill "$kubelet_pid" "$containerd_pid" "$proxy_pid" 2>/dev/null || true' EXIT TERM INT
wait -n "$kubelet_pid" "$containerd_pid" "$proxy_pid"
