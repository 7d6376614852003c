"use client";

import { Background, Controls, MiniMap, ReactFlow, type Node } from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { useEffect, useMemo, useState } from "react";
import type { Topology } from "@/lib/schemas/topology";
import { useTheme } from "@/components/ui/theme";
import { BoxNode } from "./box-node";
import { layout } from "./layout";

const NODE_TYPES = { box: BoxNode };
/** The minimap's fill per kind of box (the graph's own backgrounds are near white), as variables. */
const MINIMAP: Record<string, string> = {
  node: "--graph-ok",
  pod: "--graph-unmeasured",
  service: "--graph-endpoint",
  route: "--graph-route",
  gateway: "--graph-gateway",
  zones: "--graph-ok",
  groups: "--graph-ok",
};

/** SVG fill attributes do not resolve var(): the minimap gets the variables' values (read once). */
const resolved = new Map<string, string>();
function minimapColour(kind: string): string {
  const name = MINIMAP[kind] ?? "--graph-unmeasured";
  if (!resolved.has(name))
    resolved.set(
      name,
      getComputedStyle(document.documentElement).getPropertyValue(name).trim() || "#8c8c8c",
    );
  return resolved.get(name)!;
}

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
  const { nodes, edges, hiddenLinks, allLinks } = useMemo(
    () => layout(topology, selected),
    [topology, selected],
  );
  // Positions from ELK, computed again only when the boxes (or their sizes) change, not on select.
  const shape = nodes
    .filter((n) => !n.parentId)
    .map((n) => `${n.id}:${String(n.style?.height ?? "")}`)
    .join("|");
  const [placed, setPlaced] = useState<{ shape: string; at: Map<string, Node["position"]> } | null>(
    null,
  );
  useEffect(() => {
    let live = true;
    // ELK (≈1.5 MB) is loaded with the first graph, not with every page.
    void import("./elk")
      .then(({ elkPositions }) =>
        elkPositions(nodes, [
          ...edges.filter((e) => e.data?.kind !== "endpoint"),
          // Past a thousand endpoint links ELK's ordering costs more than it gives: left out.
          ...(allLinks.length <= 1000 ? allLinks : []),
        ]),
      )
      .then((laid) => {
        if (live) setPlaced({ shape, at: new Map(laid.map((n) => [n.id, n.position])) });
      });
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- shape stands for nodes' boxes and sizes
  }, [shape]);
  const ready = placed?.shape === shape;
  const { theme } = useTheme();
  const shown = useMemo(
    () =>
      ready
        ? nodes.map((n) =>
            n.parentId ? n : { ...n, position: placed!.at.get(n.id) ?? n.position },
          )
        : [],
    [ready, nodes, placed],
  );
  return (
    <div className="space-y-1">
      <div
        aria-label="Topology graph"
        role="figure"
        aria-busy={!ready}
        className="h-[560px] w-full rounded border border-slate-200 bg-white"
      >
        {ready && (
          <ReactFlow
            nodes={shown}
            edges={edges}
            nodeTypes={NODE_TYPES}
            colorMode={theme}
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
            <MiniMap
              pannable
              zoomable
              nodeColor={(n) => minimapColour(String(n.data.kind))}
              nodeStrokeWidth={2}
            />
          </ReactFlow>
        )}
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
