import "server-only";
import { ApiException } from "@kubernetes/client-node";
import { ApiError } from "@/lib/api-error";

type Status = { reason?: string; message?: string; details?: { kind?: string; name?: string } };

function statusOf(err: ApiException<unknown>): Status {
  const body = err.body;
  if (typeof body === "string") {
    try {
      return JSON.parse(body) as Status;
    } catch {
      return {};
    }
  }
  return (body ?? {}) as Status;
}

const FORBIDDEN =
  /cannot (\S+) resource "([^"]+)"(?: in API group "([^"]*)")?(?: in the namespace "([^"]+)"| at the cluster scope)?/;

/** "may not list pods (API group core) in namespace kube-system", from an RBAC denial. */
export function describeForbidden(message: string | undefined): string | null {
  const m = message ? FORBIDDEN.exec(message) : null;
  if (!m) return null;
  const [, verb, resource, group, namespace] = m;
  const scope = namespace ? `in namespace ${namespace}` : "across the cluster";
  const api = group ? ` (API group ${group})` : "";
  return `The dashboard's Kubernetes identity is not allowed to ${verb} ${resource}${api} ${scope}. Grant the "${verb}" verb on "${resource}" to its ServiceAccount or user.`;
}

const POD_SECURITY = /violates PodSecurity "([a-z]+):[^"]*": (.*)$/s;

/**
 * "Pod Security admission refused the pod: …", from a namespace's enforce label: the fix is that
 * label, not a permission.
 */
export function describePodSecurity(message: string | undefined): string | null {
  const m = message ? POD_SECURITY.exec(message) : null;
  if (!m) return null;
  const [, level, why] = m;
  return `Pod Security admission refused the pod: its namespace enforces the "${level}" level, which forbids ${why!.trim()}. A debug container needs the "privileged" level: label the namespace pod-security.kubernetes.io/enforce=privileged, or debug elsewhere.`;
}

/**
 * The one way to read Kubernetes with tolerance: what is absent (404) gives the fallback; what
 * RBAC refuses (403) gives the fallback too when the caller can go on without it (`onRefused`
 * gets the refusal in words, for the page to say what it could not read and why), and is thrown
 * otherwise. Anything else is thrown, mapped to the API error contract.
 */
export async function tolerate<T>(
  read: Promise<T>,
  fallback: T,
  onRefused?: (refusal: ApiError) => void,
): Promise<T> {
  try {
    return await read;
  } catch (e) {
    const code =
      e instanceof ApiException
        ? e.code
        : e instanceof ApiError && (e.code === "forbidden" || e.code === "not_found")
          ? e.status
          : (e as { code?: unknown })?.code;
    if (code === 404) return fallback;
    if (code === 403 && onRefused) {
      onRefused(kubeError(e)!);
      return fallback;
    }
    throw kubeError(e) ?? e;
  }
}

const UNREACHABLE = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ETIMEDOUT",
  "ECONNRESET",
  "EAI_AGAIN",
  "EPIPE",
  "UND_ERR_CONNECT_TIMEOUT",
]);
const TLS = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/;

function errnoCode(err: unknown): string | undefined {
  const e = err as { code?: unknown; cause?: { code?: unknown } } | null;
  const code = e?.code ?? e?.cause?.code;
  return typeof code === "string" ? code : undefined;
}

/**
 * Maps anything the Kubernetes client throws to the API error contract. The message is ours:
 * an ApiException's own text carries response headers and is never forwarded.
 */
export function kubeError(err: unknown, server?: string): ApiError | null {
  if (err instanceof ApiError) return err;
  if (err instanceof ApiException) {
    const status = statusOf(err);
    switch (err.code) {
      case 401:
        return new ApiError(
          "credentials_rejected",
          "The Kubernetes API server rejected the credentials in the kubeconfig (401 Unauthorized). Refresh the token or certificate for this context.",
        );
      case 403:
        return new ApiError(
          "forbidden",
          describeForbidden(status.message) ??
            describePodSecurity(status.message) ??
            "The Kubernetes API server refused this request for the dashboard's identity (403 Forbidden).",
        );
      case 404:
        return new ApiError(
          "not_found",
          status.details?.name
            ? `${status.details.kind ?? "Object"} "${status.details.name}" was not found.`
            : "The Kubernetes object was not found.",
        );
      case 409:
        return new ApiError(
          "conflict",
          status.message ?? "The object already exists or was changed meanwhile.",
        );
      case 422:
        return new ApiError(
          "invalid",
          status.message ?? "The Kubernetes API server rejected the object as invalid.",
        );
      case 429:
        return new ApiError(
          "throttled",
          "The Kubernetes API server is throttling requests (429). Try again in a moment.",
        );
      default:
        return new ApiError(
          "kube_error",
          `The Kubernetes API server answered ${err.code}${status.reason ? ` (${status.reason})` : ""}.`,
        );
    }
  }
  const code = errnoCode(err);
  const where = server ? ` at ${server}` : "";
  if (code && UNREACHABLE.has(code)) {
    return new ApiError(
      "cluster_unreachable",
      `The Kubernetes API server${where} could not be reached (${code}). Check that the cluster is up and that this machine can reach it.`,
    );
  }
  if (code && TLS.test(code)) {
    return new ApiError(
      "tls_error",
      `The Kubernetes API server${where} presented a certificate the kubeconfig does not trust (${code}).`,
    );
  }
  const name = (err as { name?: string } | null)?.name;
  if (name === "AbortError" || name === "TimeoutError") {
    return new ApiError(
      "cluster_unreachable",
      `The Kubernetes API server${where} did not answer in time.`,
    );
  }
  return null;
}
