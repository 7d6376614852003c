import { describe, expect, it } from "vitest";
import { attachRefusal } from "./attach-policy";

const open = { ownNamespace: "underlay", debugNamespace: "underlay-system" };

describe("where a debug container may be attached", () => {
  it("lets an operator attach to an application's pod", () => {
    expect(attachRefusal("shop", "operator", open)).toBeNull();
  });
  it("never in Underlay's own namespace or its debug namespace, whatever the role", () => {
    expect(attachRefusal("underlay", "admin", open)).toMatch(/its own namespace \(underlay\)/);
    expect(attachRefusal("underlay-system", "admin", open)).toMatch(/own debug pods/);
    const listed = { ...open, allowed: ["underlay", "shop"] };
    expect(attachRefusal("underlay", "admin", listed)).toMatch(/its own namespace/);
  });
  it("in kube-system only for an admin, or when the allowlist names it", () => {
    expect(attachRefusal("kube-system", "operator", open)).toMatch(/takes the admin role/);
    expect(attachRefusal("kube-system", "admin", open)).toBeNull();
    expect(
      attachRefusal("kube-system", "operator", { ...open, allowed: ["kube-system"] }),
    ).toBeNull();
  });
  it("only in the listed namespaces when there is a list", () => {
    const listed = { ...open, allowed: ["shop", "payments"] };
    expect(attachRefusal("payments", "operator", listed)).toBeNull();
    expect(attachRefusal("default", "admin", listed)).toBe(
      "Attaching is limited to the namespaces in UNDERLAY_ATTACH_NAMESPACES (shop, payments); default is not one of them.",
    );
    expect(attachRefusal("kube-system", "admin", listed)).toMatch(/limited to the namespaces/);
  });
});
