import { Card, Fact } from "@/components/ui/card";
import type { ClusterSummary } from "@/lib/schemas/cluster";

export function ClusterCard({ cluster }: { cluster: ClusterSummary }) {
  const { ready, total } = cluster.nodes;
  const allReady = ready === total;
  return (
    <Card title="Cluster">
      <dl>
        <Fact label="Context" value={cluster.context} mono />
        <Fact label="API server" value={cluster.server} mono />
        <Fact label="Kubernetes version" value={cluster.version} mono />
        <Fact
          label="Nodes"
          value={
            <span className={allReady ? "text-ok" : "text-warn"}>
              {total} nodes, {ready} Ready
            </span>
          }
        />
        <Fact
          label="Credentials from"
          value={cluster.source === "in-cluster" ? "in-cluster service account" : "kubeconfig"}
        />
      </dl>
    </Card>
  );
}
