/**
 * `dig +tries=1 +time=3 [@server] -q NAME -t TYPE` (DiG 9.18, also the 9.16 wording). When no
 * answer came back there is no header: dig 9.18 prints ";; communications error to IP#53: timed
 * out" (or "connection refused") then ";; no servers could be reached"; dig 9.16 and older print
 * ";; connection timed out; no servers could be reached".
 */
export type DigStatus =
  | "NOERROR"
  | "NXDOMAIN"
  | "SERVFAIL"
  | "REFUSED"
  | "FORMERR"
  | "NOTIMP"
  /** No reply within +time. */
  | "timeout"
  /** ICMP port unreachable: nothing listens on the server's port 53. */
  | "connection-refused"
  /** dig gave up for another reason (or the text is not dig output). */
  | "no-response"
  | (string & {});

export type DigAnswer = { name: string; ttl: number; class: string; type: string; data: string };

export type DigResult = {
  status: DigStatus;
  answers: DigAnswer[];
  queryTimeMs: number | null;
  /** The server that answered (or, when none did, the one dig tried last). */
  server: string | null;
  serverPort: number | null;
  /** Header flags: qr, aa, rd, ra, ad, cd, tc. */
  flags: string[];
  /** Extended DNS Error text, e.g. "14 (Not Ready)", when the server sent one. */
  ede: string | null;
  /** The question dig asked, from the QUESTION SECTION ("db.example.test." / "A"). */
  question: { name: string; type: string } | null;
};

const HEADER = /->>HEADER<<-.*\bstatus:\s*([A-Z0-9]+)/;
const FLAGS = /^;; flags:([^;]*);/;
const QUERY_TIME = /^;; Query time:\s*(\d+)\s*msec/;
const SERVER = /^;; SERVER:\s*([^#\s]+)#(\d+)/;
const COMM_ERROR = /^;; communications error to\s+([^#\s]+)#(\d+):\s*(.*)$/;
const SECTION = /^;; ([A-Z]+) SECTION:/;

function noAnswerStatus(text: string, commError: string | null): DigStatus {
  if (/connection timed out/.test(text) || /timed out/.test(commError ?? "")) return "timeout";
  if (/connection refused/.test(commError ?? "")) return "connection-refused";
  return "no-response";
}

export function parseDig(stdout: string): DigResult {
  const result: DigResult = {
    status: "no-response",
    answers: [],
    queryTimeMs: null,
    server: null,
    serverPort: null,
    flags: [],
    ede: null,
    question: null,
  };
  let section = "";
  let header: string | null = null;
  let commError: string | null = null;
  for (const raw of stdout.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    const sectionMatch = SECTION.exec(line);
    if (sectionMatch) {
      section = sectionMatch[1]!;
      continue;
    }
    let m: RegExpExecArray | null;
    if ((m = HEADER.exec(line))) header = m[1]!;
    else if ((m = FLAGS.exec(line))) result.flags = m[1]!.trim().split(/\s+/).filter(Boolean);
    else if ((m = QUERY_TIME.exec(line))) result.queryTimeMs = Number(m[1]);
    else if ((m = SERVER.exec(line))) [result.server, result.serverPort] = [m[1]!, Number(m[2])];
    else if ((m = COMM_ERROR.exec(line))) {
      [result.server, result.serverPort, commError] = [m[1]!, Number(m[2]), m[3]!];
    } else if ((m = /^; EDE:\s*(.+)$/.exec(line))) result.ede = m[1]!.trim();
    else if (section === "QUESTION" && /^;[^;]/.test(line)) {
      const [name, , type] = line.slice(1).split(/\s+/);
      if (name && type) result.question = { name, type };
    } else if (section === "ANSWER" && !line.startsWith(";")) {
      const [name, ttl, cls, type, ...data] = line.split(/\s+/);
      if (name && ttl && cls && type) {
        result.answers.push({ name, ttl: Number(ttl), class: cls, type, data: data.join(" ") });
      }
    }
  }
  result.status = header ?? noAnswerStatus(stdout, commError);
  return result;
}
