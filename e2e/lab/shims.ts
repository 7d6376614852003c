/**
 * kwok runs an exec's cmd[0] from its own PATH. The lab puts these shims first on that PATH:
 * each runs the real tool inside the pod's network namespace (named by the pod's Exec rule),
 * with the pod's files (resolv.conf, hostPath mounts) bound over the host's in a private mount
 * namespace. Arguments pass through as argv; nothing is interpreted by a shell.
 */
import fs from "node:fs";
import path from "node:path";

export const SHIMMED_TOOLS = [
  "ip",
  "bridge",
  "ping",
  "tracepath",
  "traceroute",
  "mtr",
  "dig",
  "nslookup",
  "host",
  "curl",
  "iperf3",
  "tcpdump",
  "ss",
  "cat",
  "ls",
  "conntrack",
  "nft",
  "iptables",
  "ethtool",
  "sleep",
  "getent",
];

const shim = `#!/bin/bash
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tool=$(basename "$0")
ns=\${UNDERLAY_LAB_NETNS:-}
if [ -z "$ns" ] || [ ! -e "/run/netns/$ns" ]; then
  echo "underlay lab: this pod has no network namespace yet" >&2
  exit 126
fi
real=""
IFS=: read -ra dirs <<< "$PATH"
for d in "\${dirs[@]}"; do
  [ "$d" = "$here" ] && continue
  if [ -x "$d/$tool" ]; then real="$d/$tool"; break; fi
done
[ -n "$real" ] || { echo "$tool: command not found" >&2; exit 127; }
exec unshare --mount --propagation private -- "$here/.enter" "$ns" "\${UNDERLAY_LAB_MOUNTS:-}" "$real" "$@"
`;

const enter = `#!/bin/bash
set -eu
ns=$1 mounts=$2 real=$3
shift 3
if [ -n "$mounts" ] && [ -f "$mounts" ]; then
  while read -r src dst; do
    if [ -e "$src" ] && [ -e "$dst" ]; then mount --bind "$src" "$dst"; fi
  done < "$mounts"
fi
exec nsenter --net="/run/netns/$ns" -- "$real" "$@"
`;

export function writeShims(dir: string) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, ".shim"), shim, { mode: 0o755 });
  fs.writeFileSync(path.join(dir, ".enter"), enter, { mode: 0o755 });
  for (const t of SHIMMED_TOOLS) fs.symlinkSync(".shim", path.join(dir, t));
}
