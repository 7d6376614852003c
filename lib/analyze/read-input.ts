/** Recognises what one input file is; anything unreadable throws a sentence naming the file. */
import { parseCniConfig, type CniConfigFormat, type ConfigFacts } from "../parsers/cni-config";
import {
  looksLikeIpLinkJson,
  looksLikeIpLinkText,
  parseIpLink,
  type IpLinkParse,
} from "../parsers/ip-link";
import {
  looksLikeIpRouteJson,
  looksLikeIpRouteText,
  parseIpRoute,
  type RouteFacts,
} from "../parsers/ip-route";

export type AnalyzeInput = { name: string; text: string };

export type ReadInput =
  | { name: string; type: "ip-link"; link: IpLinkParse }
  | { name: string; type: "ip-route"; route: RouteFacts }
  | { name: string; type: "config"; format: CniConfigFormat; facts: ConfigFacts };

/** Thrown for input that is empty, binary or in no recognised format. */
export class UnreadableInputError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
    this.name = "UnreadableInputError";
  }
}

const RECOGNISED =
  "expected `ip -d link` / `ip -j -d link` / `ip route` output, a CNI conflist, a Kubernetes manifest or ConfigMap (YAML/JSON), flannel's subnet.env or an INI ovn_k8s.conf";

/** NUL bytes, U+FFFD from undecodable bytes, or many control characters: not text. */
export function looksBinary(text: string): boolean {
  if (text.includes("\u0000")) return true;
  const sample = text.slice(0, 8192);
  // eslint-disable-next-line no-control-regex
  const odd = sample.match(/[\u0001-\u0008\u000e-\u001f\u007f\ufffd]/g)?.length ?? 0;
  return odd > Math.max(8, sample.length * 0.02);
}

function jsonValue(text: string): unknown {
  const t = text.trim();
  if (!t.startsWith("[") && !t.startsWith("{")) return undefined;
  try {
    return JSON.parse(t);
  } catch {
    return undefined;
  }
}

export function readInput({ name, text }: AnalyzeInput): ReadInput {
  if (text.trim() === "") throw new UnreadableInputError(name, `${name} is empty: ${RECOGNISED}.`);
  if (looksBinary(text))
    throw new UnreadableInputError(
      name,
      `${name} looks like a binary file, not text: ${RECOGNISED}.`,
    );
  const json = jsonValue(text);
  try {
    if (looksLikeIpLinkJson(json) || (json === undefined && looksLikeIpLinkText(text))) {
      return { name, type: "ip-link", link: parseIpLink(text) };
    }
    if (looksLikeIpRouteJson(json) || (json === undefined && looksLikeIpRouteText(text))) {
      return { name, type: "ip-route", route: parseIpRoute(text) };
    }
  } catch (e) {
    throw new UnreadableInputError(name, `${name} could not be parsed: ${(e as Error).message}.`);
  }
  const config = parseCniConfig(text, name);
  if (!config)
    throw new UnreadableInputError(name, `${name} is not in a recognised format: ${RECOGNISED}.`);
  return { name, type: "config", ...config };
}
