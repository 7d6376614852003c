/**
 * The lab's cluster DNS: dnsmasq in each kube-dns pod's network namespace, answering
 * <service>.<namespace>.svc.cluster.local from a hosts directory the wirer keeps current.
 */
import fs from "node:fs";
import path from "node:path";
import type { V1Service } from "@kubernetes/client-node";
import { RUN } from "./paths";
import { daemon, run } from "./run";

export const DNS_DIR = path.join(RUN, "dns");
const HOSTS_DIR = path.join(DNS_DIR, "hosts.d");

export function serviceHosts(services: V1Service[]): string {
  return (
    services
      .filter((s) => s.spec?.clusterIP && s.spec.clusterIP !== "None")
      .map(
        (s) =>
          `${s.spec!.clusterIP} ${s.metadata!.name}.${s.metadata!.namespace}.svc.cluster.local`,
      )
      .sort()
      .join("\n") + "\n"
  );
}

/** dnsmasq watches the directory: a rename is picked up without a restart. */
export function writeServiceHosts(services: V1Service[]) {
  fs.mkdirSync(HOSTS_DIR, { recursive: true });
  const tmp = path.join(DNS_DIR, "services.tmp");
  fs.writeFileSync(tmp, serviceHosts(services));
  fs.renameSync(tmp, path.join(HOSTS_DIR, "services"));
}

export function startDnsServer(netns: string, podIp: string, uid: string): number {
  fs.mkdirSync(HOSTS_DIR, { recursive: true });
  return daemon(
    [
      "ip",
      "netns",
      "exec",
      netns,
      "dnsmasq",
      "--keep-in-foreground",
      "--no-resolv",
      "--no-hosts",
      "--bind-interfaces",
      `--listen-address=${podIp}`,
      `--hostsdir=${HOSTS_DIR}`,
      "--local=/cluster.local/",
      "--domain-needed",
      `--pid-file=${path.join(DNS_DIR, `${uid}.pid`)}`,
      "--user=root",
      "--log-queries",
      `--log-facility=-`,
    ],
    path.join(DNS_DIR, `${uid}.log`),
  );
}

/** dns-broken: the DNS pod runs, but queries to it are dropped: lookups time out. */
export async function blackholeDns(netns: string) {
  await run(["ip", "netns", "exec", netns, "nft", "-f", "-"], {
    input:
      "table inet underlay_lab_dns {\n chain in {\n  type filter hook input priority 0; policy accept;\n  udp dport 53 drop\n  tcp dport 53 drop\n }\n}\n",
  });
}
