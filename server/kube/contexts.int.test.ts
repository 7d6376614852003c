// UNDERLAY_CONTEXTS: a context Underlay may not use is refused with a sentence, and not listed.
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeLab } from "@/e2e/lab/testing";

describeLab(["healthy"], "the context allowlist", () => {
  let client: typeof import("./client");
  beforeAll(async () => {
    // Read once, at the first env() of this test file's own module graph.
    process.env.UNDERLAY_CONTEXTS = "prod-eu,prod-us";
    client = await import("./client");
  });
  afterAll(() => void delete process.env.UNDERLAY_CONTEXTS);

  it("refuses the kubeconfig's current context when the list leaves it out, and lists none", () => {
    expect(() => client.configFor()).toThrow(
      'Underlay may not use the kubeconfig context "kwok-underlay-lab": UNDERLAY_CONTEXTS allows prod-eu, prod-us.',
    );
    expect(() => client.configFor("kwok-underlay-lab")).toThrow(/UNDERLAY_CONTEXTS/);
    try {
      client.configFor();
    } catch (e) {
      expect(e).toMatchObject({ status: 403, code: "context_not_allowed" });
    }
    expect(client.listContexts()).toEqual([]);
  });
});
