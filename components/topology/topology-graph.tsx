"use client";

import { Background, Controls, MiniMap, ReactFlow, type Node } from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { useMemo } from "react";
import type { Topology } from "@/lib/schemas/topology";
import { layout } from "./layout";

/** The interactive graph: zoom, pan, click an element to select it. */
export function TopologyGraph({
  topology,
  selected,
  onSelect,
}: {
  topology: Topology;
  selected?: string;
  onSelect: (n: Node) => void;
}) {
  const { nodes, edges, hiddenLinks } = useMemo(
    () => layout(topology, selected),
    [topology, selected],
  );
  return (
    <div className="space-y-1">
      <div
        aria-label="Topology graph"
        role="figure"
        className="h-[560px] w-full rounded border border-slate-200 bg-white"
      >
        <ReactFlow
          nodes={nodes}
          edges={edges}
          onNodeClick={(_, n) => onSelect(n)}
          fitView
          minZoom={0.05}
          maxZoom={2}
          nodesDraggable={false}
          nodesConnectable={false}
          onlyRenderVisibleElements
          proOptions={{ hideAttribution: true }}
        >
          <Background />
          <Controls showInteractive={false} />
          <MiniMap pannable zoomable />
        </ReactFlow>
      </div>
      {hiddenLinks > 0 && (
        <p className="text-xs text-slate-600">
          {hiddenLinks} Service→node endpoint links are not drawn: select a Service or a node to see
          its own.
        </p>
      )}
    </div>
  );
}
