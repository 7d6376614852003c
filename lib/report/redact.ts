/**
 * Redaction for anything that enters a report: a report is shared by link, so no token,
 * certificate, private key, kubeconfig credential, cookie or secret-looking value may be in it.
 *
 * Every pass is linear in the text's length (a report may hold a diagnostic's whole output, and a
 * quadratic pattern on a crafted output would stall the server for everyone): PEM blocks are found
 * with indexOf, secret-named keys by one scan over the words of a line, and the remaining patterns
 * are regular expressions that cannot backtrack across a run (each starts where the run starts and
 * its repeated classes are bounded by characters outside them). Text over MAX_TEXT is cut first.
 */
export const MAX_TEXT = 1024 * 1024;

const PEM_BEGIN = "-----BEGIN ";
const PEM_END = "-----END ";

/** PEM blocks (certificates, private keys): a BEGIN with no END redacts to the end of the text. */
function redactPem(text: string): string {
  let out = "";
  let at = 0;
  for (;;) {
    const begin = text.indexOf(PEM_BEGIN, at);
    if (begin < 0) return out + text.slice(at);
    out += text.slice(at, begin) + "[redacted PEM block]";
    const end = text.indexOf(PEM_END, begin + PEM_BEGIN.length);
    if (end < 0) return out;
    const close = text.indexOf("-----", end + PEM_END.length);
    at = close < 0 ? text.length : close + 5;
  }
}

/** Words that make a key secret: `DB_PASSWORD=`, `"SecretAccessKey":`, `--client-secret x`. */
const SECRET_WORD =
  /token|secret|passw(?:or)?d|api[_-]?key|access[_-]?key|private[_-]?key|credential|client-key-data|client-certificate-data|certificate-authority-data/i;

/**
 * `key = value`, `key: value`, `"key": "value"` and `--key value` where the key names a secret: the
 * value becomes [redacted]. One pass over the line's words: a word is a run of [\w.-].
 */
function redactKeyValues(line: string): string {
  const word = /[\w.-]+/g;
  let out = "";
  let at = 0;
  let m: RegExpExecArray | null;
  while ((m = word.exec(line))) {
    const key = m[0];
    if (!SECRET_WORD.test(key)) continue;
    const sep = /["']?[ \t]*([:=])[ \t]*["']?|[ \t]+/y;
    sep.lastIndex = m.index + key.length;
    const s = sep.exec(line);
    // A bare space separates only a flag from its value (`--token abc`), not prose.
    if (!s || (!s[1] && !key.startsWith("--"))) continue;
    const value = /[^\s"',}&]+/y;
    value.lastIndex = sep.lastIndex;
    const v = value.exec(line);
    if (!v || v[0].startsWith("[redacted")) continue;
    out += line.slice(at, value.lastIndex - v[0].length) + "[redacted]";
    at = value.lastIndex;
    word.lastIndex = at;
  }
  return out + line.slice(at);
}

const LINE_RULES: [RegExp, string][] = [
  // HTTP credentials of any scheme (Bearer, Basic, Digest, AWS4-HMAC-SHA256 …), and cookies.
  [/\b((?:proxy-)?authorization[ \t]*:[ \t]*)([A-Za-z][\w-]*[ \t]+)?.*/gi, "$1$2[redacted]"],
  [/\b((?:set-)?cookie[ \t]*:[ \t]*).*/gi, "$1[redacted]"],
  [/\b(Bearer|Basic)[ \t]+(?!\[redacted)[A-Za-z0-9._~+/=-]{8,}/g, "$1 [redacted]"],
  // A password in a URL: scheme://user:password@host.
  [/(?<![\w+.-])([a-z][\w+.-]*:\/\/[^\s:@/]*:)[^\s@/]+@/gi, "$1[redacted]@"],
  // JSON Web Tokens (service account tokens, OIDC id tokens).
  [/(?<![\w-])eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}/g, "[redacted token]"],
  // Secret-looking query parameters.
  [
    /([?&](?:token|access_token|api[_-]?key|key|secret|password|sig|signature|X-Amz-Signature|X-Amz-Credential)=)[^&\s"']+/gi,
    "$1[redacted]",
  ],
  // AWS access key ids, and a bare secret access key: 40 characters of base64 with upper case,
  // lower case and a digit, / or + (a hex digest has no upper case).
  [/(?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])/g, "[redacted AWS key id]"],
  [
    /(?<![A-Za-z0-9+/])(?=[A-Za-z0-9+/]{0,39}[A-Z])(?=[A-Za-z0-9+/]{0,39}[a-z])(?=[A-Za-z0-9+/]{0,39}[0-9+/])[A-Za-z0-9+/]{40}(?![A-Za-z0-9+/=])/g,
    "[redacted]",
  ],
  // Long base64 runs (encoded keys, certificates, Secret data).
  [/(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{120,}={0,2}/g, "[redacted base64]"],
];

export function redactText(text: string): string {
  const cut = text.length > MAX_TEXT;
  const body = redactPem(cut ? text.slice(0, MAX_TEXT) : text);
  const lines = body.split("\n").map((line) => {
    const kv = redactKeyValues(line);
    return LINE_RULES.reduce((t, [re, by]) => t.replace(re, by), kv);
  });
  return lines.join("\n") + (cut ? `\n[cut: the text was over ${MAX_TEXT / 1024} KiB]` : "");
}

/** Redacts every string in a JSON-like value; object keys that name a secret lose their value. */
export function redact<T>(value: T): T {
  const walk = (v: unknown, key = ""): unknown => {
    if (typeof v === "string")
      return /^(token|password|secret|client-key-data|kubeconfig|authorization|cookie)$/i.test(key)
        ? "[redacted]"
        : redactText(v);
    if (Array.isArray(v)) return v.map((x) => walk(x));
    if (v && typeof v === "object")
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
    return v;
  };
  return walk(value) as T;
}
