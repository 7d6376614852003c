import { describe, expect, it } from "vitest";
import { atLeast, parseRoleMap, roleForGroups } from "./roles";

describe("roles", () => {
  it("orders viewer < operator < admin", () => {
    expect(atLeast("admin", "operator")).toBe(true);
    expect(atLeast("operator", "operator")).toBe(true);
    expect(atLeast("viewer", "operator")).toBe(false);
  });
  it("parses a group→role map; a group may hold spaces and =", () => {
    expect(parseRoleMap(" sre=admin, Platform Team=operator ,team=a=viewer")).toEqual([
      { group: "sre", role: "admin" },
      { group: "Platform Team", role: "operator" },
      { group: "team=a", role: "viewer" },
    ]);
  });
  it.each([["sre"], ["=admin"], ["sre=root"]])("refuses %s with a sentence", (text) =>
    expect(() => parseRoleMap(text)).toThrow(/is not/),
  );
  it("takes the highest role of the user's groups, else the default", () => {
    const map = parseRoleMap("dev=viewer,sre=admin,platform=operator");
    expect(roleForGroups(["dev", "platform"], map, null)).toBe("operator");
    expect(roleForGroups(["sre", "dev"], map, null)).toBe("admin");
    expect(roleForGroups(["nobody"], map, "viewer")).toBe("viewer");
    expect(roleForGroups([], map, null)).toBeNull();
  });
});
