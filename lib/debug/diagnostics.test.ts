import { describe, expect, it } from "vitest";
import { captureFilter, diagnosticIds, planDiagnostic } from "./diagnostics";

const argv = (id: string, params: unknown) => {
  const r = planDiagnostic(id, params);
  if (!r.ok) throw new Error(r.message);
  return r.plan.commands;
};
const rejected = (id: string, params: unknown) => {
  const r = planDiagnostic(id, params);
  if (r.ok)
    throw new Error(`accepted ${JSON.stringify(params)} as ${JSON.stringify(r.plan.commands)}`);
  return r.message;
};

describe("argv builders", () => {
  it("builds fixed commands for the parameterless diagnostics", () => {
    expect(argv("interfaces", {})).toEqual([
      ["ip", "-d", "link"],
      ["ip", "-j", "-d", "link"],
    ]);
    expect(argv("routes", {})).toEqual([
      ["ip", "addr"],
      ["ip", "route", "show", "table", "all"],
    ]);
    expect(argv("sockets", {})).toEqual([["ss", "-tulpn"]]);
    expect(argv("resolv", {})).toEqual([["cat", "/etc/resolv.conf"]]);
    expect(argv("conntrack", {})).toEqual([["conntrack", "-S"]]);
  });

  it("builds a DF ping of a chosen size", () => {
    expect(argv("ping", { target: "10.244.1.2", size: 1472, count: 3 })).toEqual([
      [
        "ping",
        "-n",
        "-c",
        "3",
        "-i",
        "0.2",
        "-W",
        "2",
        "-M",
        "do",
        "-s",
        "1472",
        "--",
        "10.244.1.2",
      ],
    ]);
    expect(argv("ping", { target: "db.example.com", df: false })[0]).toContain("dont");
  });

  it("builds dig with an optional server", () => {
    expect(argv("dns", { name: "kubernetes.default.svc.cluster.local" })).toEqual([
      ["dig", "+tries=1", "+time=3", "-q", "kubernetes.default.svc.cluster.local", "-t", "A"],
    ]);
    expect(argv("dns", { name: "example.com", type: "AAAA", server: "10.96.0.10" })).toEqual([
      ["dig", "+tries=1", "+time=3", "@10.96.0.10", "-q", "example.com", "-t", "AAAA"],
    ]);
  });

  it("builds curl with the URL behind --url, literal and over HTTP(S) only", () => {
    expect(argv("http", { url: "http://10.96.0.1:443/healthz" })).toEqual([
      [
        "curl",
        "-sS",
        "--globoff",
        "--proto",
        "=http,https",
        "--proto-redir",
        "=http,https",
        "-o",
        "/dev/null",
        "--max-time",
        "10",
        "-w",
        "%{json}",
        "--url",
        "http://10.96.0.1:443/healthz",
      ],
    ]);
  });

  it("knows no diagnostic by a name inherited from Object's prototype", () => {
    for (const id of ["constructor", "__proto__", "toString", "hasOwnProperty"]) {
      const r = planDiagnostic(id, {});
      expect(r.ok, id).toBe(false);
    }
  });

  it("builds a capture filter from the safe grammar only", () => {
    expect(captureFilter({ protocol: "udp", port: 53 })).toEqual(["udp", "and", "port", "53"]);
    expect(argv("capture", { protocol: "udp", port: 53, count: 10 })).toEqual([
      ["tcpdump", "-i", "any", "-c", "10", "-U", "-w", "-", "udp", "and", "port", "53"],
    ]);
    expect(argv("capture", { interface: "flannel.1", host: "10.244.1.2" })[0]).toEqual([
      "tcpdump",
      "-i",
      "flannel.1",
      "-c",
      "20",
      "-U",
      "-w",
      "-",
      "host",
      "10.244.1.2",
    ]);
  });

  it("knows every diagnostic the issue lists", () => {
    expect(diagnosticIds).toEqual([
      "interfaces",
      "routes",
      "sockets",
      "resolv",
      "dns",
      "ping",
      "traceroute",
      "http",
      "conntrack",
      "capture",
    ]);
  });
});

describe("validators refuse injection and nonsense, with a sentence naming the field", () => {
  const attacks = [
    "; rm -rf /",
    "$(reboot)",
    "`id`",
    "a\nb",
    "a\u0000b",
    "-oProxyCommand=x",
    "--help",
    "x".repeat(300),
    "10.0.0.1 && id",
    "| nc 1.2.3.4 1",
  ];
  it.each(attacks)("ping target %j", (target) =>
    expect(rejected("ping", { target })).toMatch(/^Target: /),
  );
  it.each(attacks)("dns name %j", (name) => expect(rejected("dns", { name })).toMatch(/^Name: /));
  it.each(attacks)("traceroute target %j", (target) =>
    expect(rejected("traceroute", { target })).toMatch(/^Target: /),
  );
  it.each(attacks)("capture interface %j", (i) =>
    expect(rejected("capture", { interface: i })).toMatch(/^Interface: /),
  );
  it.each([
    "file:///etc/passwd",
    "http://a b",
    "javascript:alert(1)",
    "gopher://x",
    "http://x\n-K/etc/passwd",
    "-K /etc/passwd",
  ])("http url %j", (url) => expect(rejected("http", { url })).toMatch(/^URL: /));

  it("refuses parameters a diagnostic does not take (no smuggled filter text)", () => {
    expect(rejected("capture", { filter: "port 53 or $(id)" })).toBe(
      "Packet capture takes no parameter named filter.",
    );
    expect(rejected("interfaces", { args: ["-x"] })).toBe(
      "Interfaces takes no parameter named args.",
    );
  });

  it("refuses out-of-range numbers and wrong types", () => {
    // Each field named as its form names it.
    expect(rejected("ping", { target: "10.0.0.1", size: 70000 })).toBe(
      "Payload bytes: must be 0 to 65000",
    );
    expect(rejected("ping", { target: "10.0.0.1", count: "4; id" })).toBe(
      "Count must be a number.",
    );
    expect(rejected("capture", { count: 0 })).toBe("Packets: must be 1 to 1000");
    expect(rejected("capture", { port: 70000 })).toBe("Port: must be 1 to 65535");
    expect(rejected("dns", { name: "example.com", server: "evil.example.com" })).toMatch(
      /^Server \(optional\): /,
    );
    // What is missing is said so, not in zod's words.
    expect(rejected("ping", {})).toBe("Target is required.");
    expect(rejected("http", { url: "" })).toMatch(/^URL: /);
  });

  it("refuses an unknown diagnostic by name", () => {
    expect(rejected("sh", {})).toMatch(/^There is no diagnostic named "sh"/);
  });
});
