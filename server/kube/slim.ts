/**
 * The watch-backed caches keep only what the dashboard reads of each object. A real pod carries
 * its whole spec, managedFields and status (several KiB); at 100,000 pods that is gigabytes of
 * heap. Fields are dropped in place, so an object the informer has stored shrinks too.
 */
type Shape = { [key: string]: true | Shape };

function keepOnly(obj: Record<string, unknown>, shape: Shape): void {
  for (const key of Object.keys(obj)) {
    const want = shape[key];
    const value = obj[key];
    if (!want) delete obj[key];
    else if (want !== true && value && typeof value === "object") {
      if (Array.isArray(value)) {
        for (const item of value) {
          if (item && typeof item === "object") keepOnly(item as Record<string, unknown>, want);
        }
      } else keepOnly(value as Record<string, unknown>, want);
    }
  }
}

const meta: Shape = { name: true, namespace: true, uid: true, resourceVersion: true, labels: true };

export const SHAPES = {
  pods: {
    apiVersion: true,
    kind: true,
    metadata: meta,
    spec: { nodeName: true, hostNetwork: true },
    status: { phase: true, podIP: true },
  },
  nodes: {
    apiVersion: true,
    kind: true,
    metadata: meta,
    status: { addresses: { type: true, address: true }, conditions: { type: true, status: true } },
  },
  services: {
    apiVersion: true,
    kind: true,
    metadata: { name: true, namespace: true, uid: true, resourceVersion: true },
    spec: { clusterIP: true },
  },
  endpointslices: {
    apiVersion: true,
    kind: true,
    metadata: meta,
    endpoints: { addresses: true, nodeName: true, targetRef: { name: true } },
  },
} satisfies Record<string, Shape>;

export type Slimmable = keyof typeof SHAPES;

function pick(obj: Record<string, unknown>, shape: Shape): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in shape) {
    const want = shape[key]!;
    const value = obj[key];
    if (value === undefined || value === null) continue;
    if (want === true || typeof value !== "object") out[key] = value;
    else
      out[key] = Array.isArray(value)
        ? value.map((item) =>
            item && typeof item === "object" ? pick(item as Record<string, unknown>, want) : item,
          )
        : pick(value as Record<string, unknown>, want);
  }
  return out;
}

/**
 * A new object with only the fields the dashboard reads. What a list returns is kept this way: a
 * fresh object is a fifth of the size of one whose other fields were deleted (V8 turns an object
 * that loses properties into a slow dictionary): 100,000 pods took 238 MB of heap slimmed in
 * place, 51 MB copied.
 */
export function compact<T>(kind: Slimmable, obj: T): T {
  return obj && typeof obj === "object"
    ? (pick(obj as Record<string, unknown>, SHAPES[kind]) as T)
    : obj;
}

/** Drops every field of `obj` the dashboard does not read; returns the same object. */
export function slim<T>(kind: Slimmable, obj: T): T {
  if (obj && typeof obj === "object") keepOnly(obj as Record<string, unknown>, SHAPES[kind]);
  return obj;
}
