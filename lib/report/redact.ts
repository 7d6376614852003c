/**
 * Redaction for anything that enters a report: a report is shared by link, so no token,
 * certificate, private key, kubeconfig credential or secret-looking value may be in it.
 */
const RULES: [RegExp, string][] = [
  // PEM blocks: certificates, private keys.
  [/-----BEGIN [A-Z0-9 ]+-----[\s\S]*?-----END [A-Z0-9 ]+-----/g, "[redacted PEM block]"],
  // kubeconfig credentials, inline.
  [
    /\b(client-key-data|client-certificate-data|certificate-authority-data|token|id-token|refresh-token|password)(["']?\s*[:=]\s*["']?)[^\s"',}&]+/gi,
    "$1$2[redacted]",
  ],
  // HTTP credentials.
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/g, "$1 [redacted]"],
  // JSON Web Tokens (service account tokens, OIDC id tokens).
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}/g, "[redacted token]"],
  // Secret-looking query parameters and environment assignments.
  [
    /([?&](?:token|access_token|api[_-]?key|key|secret|password|sig|signature)=)[^&\s"']+/gi,
    "$1[redacted]",
  ],
  // KEY=value (env) and key: value (YAML, a Secret's data) where the key names a secret.
  [
    /\b([\w.-]*(?:token|secret|password|passwd|api[_-]?key|access[_-]?key|private[_-]?key|credentials?)[\w.-]*)(\s*[:=]\s*)(?!\[redacted)[^\s"',}]+/gi,
    "$1$2[redacted]",
  ],
  // Long base64 runs (encoded keys, certificates, Secret data).
  [/\b[A-Za-z0-9+/]{120,}={0,2}/g, "[redacted base64]"],
];

export function redactText(text: string): string {
  return RULES.reduce((t, [re, by]) => t.replace(re, by), text);
}

/** Redacts every string in a JSON-like value; object keys that name a secret lose their value. */
export function redact<T>(value: T): T {
  const walk = (v: unknown, key = ""): unknown => {
    if (typeof v === "string")
      return /^(token|password|secret|client-key-data|kubeconfig|authorization)$/i.test(key)
        ? "[redacted]"
        : redactText(v);
    if (Array.isArray(v)) return v.map((x) => walk(x));
    if (v && typeof v === "object")
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
    return v;
  };
  return walk(value) as T;
}
