/** The one error contract of every API route: `{ "error": { "code", "message" } }`. */
export type ApiErrorBody = { error: { code: string; message: string } };

/** Every error code the API answers with, and the HTTP status it always comes with. */
export const ERROR_STATUS = {
  bad_request: 400,
  no_auth: 400,
  proxy_auth: 400,
  unauthenticated: 401,
  attach_refused: 403,
  context_not_allowed: 403,
  cross_site: 403,
  forbidden: 403,
  no_role: 403,
  role: 403,
  not_found: 404,
  unknown_context: 404,
  cannot_delete: 409,
  conflict: 409,
  empty_report: 409,
  job_running: 409,
  not_running: 409,
  pod_security: 409,
  too_large: 413,
  unknown_host: 421,
  invalid: 422,
  unreadable_input: 422,
  pod_quota: 429,
  too_many_attempts: 429,
  internal: 500,
  exec_failed: 502,
  iperf3_failed: 502,
  kube_error: 502,
  cluster_unreachable: 503,
  credentials_rejected: 503,
  invalid_kubeconfig: 503,
  no_kubeconfig: 503,
  throttled: 503,
  tls_error: 503,
  timeout: 504,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Seconds to wait before trying again (429, 503): sent as Retry-After. */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = "ApiError";
    this.status = ERROR_STATUS[code];
  }
  toJSON(): ApiErrorBody {
    return { error: { code: this.code, message: this.message } };
  }
}

export const badRequest = (message: string) => new ApiError("bad_request", message);
export const invalid = (message: string) => new ApiError("invalid", message);
export const notFound = (message: string) => new ApiError("not_found", message);
export const conflict = (message: string) => new ApiError("conflict", message);

export function isApiErrorBody(value: unknown): value is ApiErrorBody {
  const e = (value as ApiErrorBody | null)?.error;
  return typeof e?.code === "string" && typeof e?.message === "string";
}
