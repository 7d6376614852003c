import type { ReactNode } from "react";

export type Column<T> = { header: string; cell: (row: T) => ReactNode; className?: string };

/** A plain table: a header row and one row per item. Never fetches. */
export function DataTable<T>({
  label,
  columns,
  rows,
  rowKey,
  rowProps,
}: {
  label: string;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  rowProps?: (row: T) => { className?: string; "aria-selected"?: boolean };
}) {
  return (
    <table className="w-full text-left text-sm [&_td]:pr-3 [&_th]:pr-3" aria-label={label}>
      <thead className="text-slate-500">
        <tr>
          {columns.map((c) => (
            <th key={c.header} className="py-1 font-medium">
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const extra = rowProps?.(r) ?? {};
          return (
            <tr
              key={rowKey(r)}
              {...extra}
              className={`border-t border-slate-100 align-top ${extra.className ?? ""}`}
            >
              {columns.map((c) => (
                <td key={c.header} className={`py-1.5 ${c.className ?? ""}`}>
                  {c.cell(r)}
                </td>
              ))}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
