"use client";

import { Handle, Position, type NodeProps } from "@xyflow/react";

const hidden = { opacity: 0, width: 6, height: 6, minWidth: 0, minHeight: 0, border: 0 };

/**
 * A box of the graph: its label, and handles on its sides only. Edges leave a box on its left and
 * enter a box of the column before on its right; tunnels leave and enter on the left, so no edge
 * ends on the top or bottom of a box stacked right next to another.
 */
export function BoxNode({ data }: NodeProps) {
  return (
    <>
      <Handle
        id="left-in"
        type="target"
        position={Position.Left}
        style={{ ...hidden, top: "35%" }}
        isConnectable={false}
      />
      <Handle
        id="left-out"
        type="source"
        position={Position.Left}
        style={{ ...hidden, top: "65%" }}
        isConnectable={false}
      />
      <Handle
        id="right-in"
        type="target"
        position={Position.Right}
        style={hidden}
        isConnectable={false}
      />
      <div style={{ whiteSpace: "pre-line" }}>{String(data.label ?? "")}</div>
    </>
  );
}
