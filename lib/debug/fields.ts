import type { DiagnosticId } from "./diagnostics";

/** How the UI asks for each diagnostic's parameters (the server validates them again). */
export type Field =
  | { name: string; label: string; kind: "text"; placeholder?: string; required?: boolean }
  | { name: string; label: string; kind: "number"; min: number; max: number; default: number }
  | { name: string; label: string; kind: "checkbox"; default: boolean }
  | { name: string; label: string; kind: "select"; options: string[]; default?: string };

export const diagnosticFields: Record<DiagnosticId, Field[]> = {
  interfaces: [],
  routes: [],
  sockets: [],
  resolv: [],
  conntrack: [],
  dns: [
    {
      name: "name",
      label: "Name",
      kind: "text",
      placeholder: "kubernetes.default.svc.cluster.local",
      required: true,
    },
    {
      name: "type",
      label: "Record type",
      kind: "select",
      options: ["A", "AAAA", "SRV", "CNAME", "TXT", "MX", "NS", "PTR"],
      default: "A",
    },
    { name: "server", label: "Server (optional)", kind: "text", placeholder: "10.96.0.10" },
  ],
  ping: [
    {
      name: "target",
      label: "Target",
      kind: "text",
      placeholder: "10.244.1.2 or a host name",
      required: true,
    },
    { name: "size", label: "Payload bytes", kind: "number", min: 0, max: 65000, default: 1422 },
    { name: "count", label: "Count", kind: "number", min: 1, max: 50, default: 4 },
    { name: "df", label: "Don't fragment (DF)", kind: "checkbox", default: true },
  ],
  traceroute: [
    { name: "target", label: "Target", kind: "text", placeholder: "10.244.1.2", required: true },
    { name: "maxHops", label: "Max hops", kind: "number", min: 1, max: 30, default: 15 },
  ],
  http: [
    {
      name: "url",
      label: "URL",
      kind: "text",
      placeholder: "http://my-service.default.svc:8080/healthz",
      required: true,
    },
    { name: "timeoutSeconds", label: "Timeout (s)", kind: "number", min: 1, max: 60, default: 10 },
  ],
  capture: [
    { name: "interface", label: "Interface", kind: "text", placeholder: "any" },
    {
      name: "protocol",
      label: "Protocol",
      kind: "select",
      options: ["", "tcp", "udp", "icmp", "arp"],
    },
    { name: "port", label: "Port", kind: "text", placeholder: "53" },
    { name: "host", label: "Host IP", kind: "text", placeholder: "10.96.0.10" },
    { name: "count", label: "Packets", kind: "number", min: 1, max: 1000, default: 20 },
    { name: "seconds", label: "At most (s)", kind: "number", min: 1, max: 120, default: 15 },
  ],
};

/** Form values (strings from inputs) to the parameters the API takes; empty fields are left out. */
export function paramsFromForm(
  id: DiagnosticId,
  values: Record<string, string | boolean>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of diagnosticFields[id]) {
    const v = values[f.name];
    if (v === undefined || v === "") continue;
    if (f.kind === "number" || (f.name === "port" && typeof v === "string"))
      out[f.name] = Number(v);
    else out[f.name] = v;
  }
  return out;
}
