/**
 * `/etc/resolv.conf` as glibc reads it (resolv.conf(5)): `nameserver`, `search` / `domain` (the
 * last one wins), `options`. Options take glibc's defaults when absent (ndots 1, timeout 5 s,
 * attempts 2), and `explain` says in words what the search list costs a lookup.
 */
export type ResolvConf = {
  nameservers: string[];
  search: string[];
  options: {
    ndots: number;
    timeout: number;
    attempts: number;
    /** Other options as written: `rotate` → true, `single-request-reopen` → true, `x:y` → "y". */
    other: Record<string, string | true>;
  };
  explain: string[];
};

const DEFAULTS = { ndots: 1, timeout: 5, attempts: 2 } as const;
/** glibc caps: ndots at 15, timeout at 30, attempts at 5; only the first 3 nameservers are used. */
const CAPS = { ndots: 15, timeout: 30, attempts: 5 } as const;
const MAX_NAMESERVERS = 3;

/** An everyday name that still goes through the search list (fewer dots than ndots). */
function exampleName(ndots: number): string {
  if (ndots >= 3) return "api.example.com";
  return ndots === 2 ? "example.com" : "db";
}

function explain(conf: Omit<ResolvConf, "explain">): string[] {
  const { nameservers, search, options } = conf;
  const { ndots, timeout, attempts } = options;
  const out: string[] = [];
  if (nameservers.length === 0) out.push("No nameserver line: glibc falls back to 127.0.0.1.");
  else {
    const used = nameservers.slice(0, MAX_NAMESERVERS);
    out.push(
      `Queries go to ${used.join(", then ")}${nameservers.length > used.length ? ` (only the first ${MAX_NAMESERVERS} nameservers are used)` : ""}.`,
    );
  }
  if (search.length > 0) {
    const name = exampleName(ndots);
    const tries = search.map((d) => `${name}.${d}`);
    const n = search.length;
    out.push(
      `A name with fewer than ${ndots} dot${ndots === 1 ? "" : "s"}, such as ${name}, is first tried as ${tries.join(", ")}` +
        ` — ${n} extra lookup${n === 1 ? "" : "s"} (${2 * n} queries when A and AAAA are both asked) before the real one.`,
    );
    out.push(
      `A name with ${ndots} or more dots, or ending in a dot (${name}.), is tried as written first.`,
    );
    if (ndots >= 2)
      out.push(
        `Write external names with a trailing dot, or lower ndots, to skip the ${n} wasted lookups.`,
      );
  } else out.push("No search list: names are looked up exactly as written.");
  const total = timeout * attempts * Math.max(1, Math.min(nameservers.length, MAX_NAMESERVERS));
  out.push(
    `Each query waits ${timeout} s for an answer and is tried ${attempts} time${attempts === 1 ? "" : "s"} per nameserver: up to ${total} s before a lookup fails.`,
  );
  return out;
}

function setOption(options: ResolvConf["options"], opt: string) {
  const [key, value] = opt.split(":", 2) as [string, string | undefined];
  if (key === "ndots" || key === "timeout" || key === "attempts") {
    const n = Number(value);
    if (value !== undefined && Number.isInteger(n) && n >= 0) options[key] = Math.min(n, CAPS[key]);
    return;
  }
  options.other[key] = value ?? true;
}

export function parseResolvConf(text: string): ResolvConf {
  const nameservers: string[] = [];
  let search: string[] = [];
  const options: ResolvConf["options"] = { ...DEFAULTS, other: {} };
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/[#;].*$/, "").trim();
    const [keyword, ...args] = line.split(/\s+/);
    if (!keyword || args.length === 0) continue;
    if (keyword === "nameserver") nameservers.push(args[0]!);
    else if (keyword === "search") search = args;
    else if (keyword === "domain") search = [args[0]!];
    else if (keyword === "options") args.forEach((opt) => setOption(options, opt));
  }
  const conf = { nameservers, search, options };
  return { ...conf, explain: explain(conf) };
}
