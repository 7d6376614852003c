/** The one error contract of every API route: `{ "error": { "code", "message" } }`. */
export type ApiErrorBody = { error: { code: string; message: string } };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Seconds to wait before trying again (429, 503): sent as Retry-After. */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = "ApiError";
  }
  toJSON(): ApiErrorBody {
    return { error: { code: this.code, message: this.message } };
  }
}

export const badRequest = (message: string) => new ApiError(400, "bad_request", message);
export const invalid = (message: string) => new ApiError(422, "invalid", message);
export const notFound = (message: string) => new ApiError(404, "not_found", message);
export const conflict = (message: string) => new ApiError(409, "conflict", message);

export function isApiErrorBody(value: unknown): value is ApiErrorBody {
  const e = (value as ApiErrorBody | null)?.error;
  return typeof e?.code === "string" && typeof e?.message === "string";
}
