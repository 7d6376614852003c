import { isApiErrorBody } from "@/lib/api-error";

/** An error answer of our API, as the browser sees it. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiRequestError";
  }
}

export async function fetchJson<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, {
    ...init,
    headers: {
      accept: "application/json",
      ...(init?.body ? { "content-type": "application/json" } : {}),
      ...init?.headers,
    },
  });
  if (!res.ok) throw await errorOf(res);
  return (await res.json().catch(() => null)) as T;
}

/** What a failed answer says: the error contract's sentence, or the status in words. */
export async function errorOf(res: Response): Promise<ApiRequestError> {
  const body: unknown = await res.json().catch(() => null);
  if (isApiErrorBody(body))
    return new ApiRequestError(res.status, body.error.code, body.error.message);
  return new ApiRequestError(
    res.status,
    "http_error",
    `The Underlay server answered ${res.status} ${res.statusText}.`,
  );
}

/** `/api/x?context=y` without empty parameters. */
export function apiUrl(
  path: string,
  params: Record<string, string | number | undefined | null> = {},
): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== "") q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}
