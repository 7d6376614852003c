/**
 * What people paste is not a clean file: shell prompts and the command lines themselves, Markdown
 * fences and the indentation issue trackers add, CRLF, ANSI colours (`ip -c`), several commands'
 * output one after another, a label naming the node. This cuts one pasted text into pieces, each
 * one command's output (or one stretch of the same shape), with its line numbers in the paste,
 * the command that printed it and the host its prompt names. Pure: no I/O.
 */
import { stripVTControlCharacters } from "node:util";

export type Piece = {
  /** 1-based line numbers in the pasted text, inclusive. */
  from: number;
  to: number;
  lines: string[];
  /** The command line that printed this output (prompt removed), when the paste shows it. */
  command?: string;
  /** The node the output is from, when a prompt (`root@node-1:~#`) or a label line names it. */
  host?: string;
  /** The lines are the command's here-document (its stdin), not its output. */
  stdin?: boolean;
};

/** Commands whose name starts a command line even without a prompt. */
const COMMANDS =
  /^(?:sudo\s+(?:-\S+\s+)*)?(?:\S*\/)?(?:ip|ifconfig|bridge|kubectl|k|oc|helm|cilium|cilium-cli|calicoctl|cat|k3s|ethtool|tracepath|ping|ovs-vsctl|antctl|weave|netstat|route|crictl|microk8s(?:\s+kubectl)?|curl|grep|ss|nsenter|docker)(?=\s|$)/;
/** `ip` must be followed by an option or one of its objects, so a YAML `ip: 10.0.0.1` is data. */
const IP_COMMAND =
  /^(?:sudo\s+)?ip\s+(?:-\S+\s+)*(?:l|li|lin|link|a|ad|add|addr|address|r|ro|rou|route|n|neigh|netns|rule|-\S+)(?:\s|$)/;
/** `user@host:~$ `, `[root@host ~]# `, `root@host:/# `, `(venv) user@host dir % `, `[root@~]$ `. */
const HOST_PROMPT =
  /^(?:\([^)]*\)\s*)?\[?([\w.-]+)@([\w.-]*)(?:[:\s~][^$#%\]]*)?\]?\s?[$#%]\s?(.*)$/;
/** `$ `, `❯ `, `% `, `# ` and `> ` prompts without a host (`#`/`>` only before a known command). */
const BARE_PROMPT = /^(?:[$❯%➜]|➜\s+\S+)\s+(.+)$/;
/** `node-1:~ # ` (SUSE's root prompt), `node-1:/etc $ `: a host, a path, then the prompt sign. */
const PATH_PROMPT = /^([\w.-]+):[~/]\S*\s?[#$]\s(.+)$/;
const HASH_PROMPT = /^[#>]\s+(.+)$/;
/** A line naming the node the next output comes from: `node-1:`, `On worker2`, `### master`. */
const HOST_LABEL =
  /^(?:#+\s*|\*\*)?(?:on\s+|from\s+)?(?:node\s+)?([\w.-]*(?:node|worker|master|server|agent|control-plane|controlplane|host)[\w.-]*)(?:\*\*)?\s*:?\s*(?:\*\*)?$/i;
const FENCE = /^\s*(?:```|~~~)/;

const isCommand = (s: string) =>
  COMMANDS.test(s) && (!/^(?:sudo\s+)?ip\s/.test(s) || IP_COMMAND.test(s));

/** The command a line runs, or null when it is output. */
export function commandOf(line: string): { command: string; host?: string } | null {
  const t = line.trim();
  const hosted = HOST_PROMPT.exec(t);
  if (hosted && hosted[3] !== undefined) {
    const command = hosted[3].trim();
    return hosted[2] ? { command, host: hosted[2] } : { command };
  }
  const pathed = PATH_PROMPT.exec(t);
  if (pathed) return { command: pathed[2]!.trim(), host: pathed[1]! };
  const bare = BARE_PROMPT.exec(t);
  if (bare) return { command: bare[1]!.trim() };
  // `  # ip link shows…` inside YAML is a comment: a prompt is never indented.
  const hash = /^\s/.test(line) ? null : HASH_PROMPT.exec(t);
  if (hash && isCommand(hash[1]!.trim())) return { command: hash[1]!.trim() };
  // Without a prompt, only an unindented line is a command: `    bridge forward_delay…` is output.
  if (!/^\s/.test(line) && isCommand(t)) return { command: t };
  return null;
}

/**
 * Lines of a paste with ANSI colour codes, CR, blockquote markers, Markdown bold and the single
 * backticks of inline code spanning lines removed (numbering kept).
 */
export function cleanLines(text: string): string[] {
  const lines = text.split(/\r\n|\r|\n/).map((l) => {
    const line = stripVTControlCharacters(l).replace(/\*\*([^*\n]+)\*\*/g, "$1");
    // A lone backtick opens or closes an inline code span that runs over several lines.
    return line.split("`").length === 2 && !line.includes("```")
      ? line.replace(/^(\s*)`/, "$1").replace(/`\s*$/, "")
      : line;
  });
  const nonEmpty = lines.filter((l) => l.trim() !== "");
  if (nonEmpty.length > 0 && nonEmpty.every((l) => /^\s*>/.test(l)))
    return lines.map((l) => l.replace(/^\s*> ?/, ""));
  return lines;
}

function indentOf(line: string): number {
  return /^[ \t]*/.exec(line)![0].replace(/\t/g, "    ").length;
}

/** Removes the indentation every non-empty line shares (documentation and trackers add it). */
export function dedent(lines: string[]): string[] {
  const widths = lines.filter((l) => l.trim() !== "").map(indentOf);
  const common = widths.length ? widths.reduce((a, b) => Math.min(a, b)) : 0;
  if (common === 0) return lines;
  return lines.map((l) => {
    let cut = 0;
    let width = 0;
    while (cut < l.length && width < common && (l[cut] === " " || l[cut] === "\t")) {
      width += l[cut] === "\t" ? 4 : 1;
      cut++;
    }
    return l.slice(cut);
  });
}

type Block = { from: number; lines: string[] };

/** Fenced code blocks and the text between them, each dedented on its own. */
function blocks(lines: string[]): Block[] {
  const out: Block[] = [];
  let current: Block = { from: 1, lines: [] };
  lines.forEach((line, i) => {
    if (FENCE.test(line)) {
      out.push(current);
      current = { from: i + 2, lines: [] };
    } else current.lines.push(line);
  });
  out.push(current);
  return out
    .filter((b) => b.lines.some((l) => l.trim() !== ""))
    .map((b) => ({ from: b.from, lines: dedent(b.lines) }));
}

/** Cuts one block at command lines (joining `\` continuations) and host label lines. */
function cutAtCommands(block: Block, host: { current?: string }): Piece[] {
  const pieces: Piece[] = [];
  let piece: Piece | null = null;
  const close = () => {
    if (piece && (piece.lines.some((l) => l.trim() !== "") || piece.command)) {
      while (piece.lines.length && piece.lines[piece.lines.length - 1]!.trim() === "")
        piece.lines.pop();
      piece.to = piece.from + Math.max(piece.lines.length, 1) - 1;
      pieces.push(piece);
    }
    piece = null;
  };
  for (let i = 0; i < block.lines.length; i++) {
    const line = block.lines[i]!;
    const n = block.from + i;
    const cmd = commandOf(line);
    if (cmd) {
      close();
      let command = cmd.command;
      while (command.endsWith("\\") && i + 1 < block.lines.length) {
        command = `${command.slice(0, -1).trimEnd()} ${block.lines[++i]!.trim()}`;
      }
      if (cmd.host) host.current = cmd.host;
      piece = {
        from: n,
        to: n,
        lines: [],
        command,
        ...(host.current ? { host: host.current } : {}),
      };
      // Output starts on the next line; its numbering follows the command line(s).
      piece.from = block.from + i + 1;
      // `… --values - <<EOF`: the lines up to the delimiter are the command's stdin, one piece.
      const heredoc = /<<-?\s*['"]?(\w+)['"]?/.exec(command);
      if (heredoc) {
        const end = block.lines.findIndex((l, j) => j > i && l.trim() === heredoc[1]);
        const stop = end < 0 ? block.lines.length : end;
        piece.lines = block.lines.slice(i + 1, stop);
        piece.stdin = true;
        i = stop;
        close();
      }
      continue;
    }
    // A label stands alone: at the start of a piece or after a blank line, never indented, short,
    // not a YAML key opening a block (`hostServices:` over indented lines), not camelCase.
    const label =
      !/^\s/.test(line) &&
      line.length <= 80 &&
      !/[a-z][A-Z]/.test(line) &&
      !/^\s+\S/.test(block.lines[i + 1] ?? "") &&
      (piece === null ||
        piece.lines.every((l) => l.trim() === "") ||
        block.lines[i - 1]?.trim() === "")
        ? HOST_LABEL.exec(line.trim())
        : null;
    if (label && !/^\d/.test(line.trim())) {
      close();
      host.current = label[1]!;
      continue;
    }
    // `# AWS EKS` after a blank line heads what follows; it is not the last command's output.
    if (
      piece?.command &&
      !/^(?:sudo\s+)?(?:cat|kubectl|k|oc|helm|calicoctl)\b/.test(piece.command) &&
      /^#+\s+\S/.test(line) &&
      block.lines[i - 1]?.trim() === ""
    )
      close();
    if (!piece)
      piece = { from: n, to: n, lines: [], ...(host.current ? { host: host.current } : {}) };
    if (piece.lines.length === 0 && line.trim() === "") {
      piece.from = n + 1;
      continue;
    }
    piece.lines.push(line);
  }
  close();
  return pieces;
}

/** One pasted text → its pieces, in order. */
export function splitPaste(text: string): Piece[] {
  const host: { current?: string } = {};
  return blocks(cleanLines(text)).flatMap((b) => cutAtCommands(b, host));
}
