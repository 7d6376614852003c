/** Who may do what. Roles are ordered: each one can do everything the one before it can. */
export const ROLES = ["viewer", "operator", "admin"] as const;
export type Role = (typeof ROLES)[number];

export type User = {
  name: string;
  role: Role;
  groups: string[];
  via: "local" | "token" | "session" | "proxy";
  /** A session's id and expiry (ms), so that signing out can revoke it. */
  sid?: string;
  exp?: number;
};

export function atLeast(role: Role, need: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(need);
}

/** What each role adds, in words a person reads on a 403 or the login page. */
export const ROLE_CAN: Record<Role, string> = {
  viewer: "open pages and reports",
  operator: "launch debug pods and run diagnostics, probes and reports",
  admin: "delete reports and read the audit log",
};

export type RoleMap = { group: string; role: Role }[];

/**
 * "sre=admin,platform=operator" → [{ group: "sre", role: "admin" }, …]. Throws a sentence on a
 * malformed entry or an unknown role.
 */
export function parseRoleMap(text: string): RoleMap {
  return text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const eq = entry.lastIndexOf("=");
      const group = entry.slice(0, eq).trim();
      const role = entry.slice(eq + 1).trim();
      if (eq <= 0 || !group) throw new Error(`"${entry}" is not group=role`);
      if (!(ROLES as readonly string[]).includes(role))
        throw new Error(`"${role}" in "${entry}" is not a role (viewer, operator or admin)`);
      return { group, role: role as Role };
    });
}

/** The highest role any of the groups maps to, else the default (null: no access). */
export function roleForGroups(groups: string[], map: RoleMap, fallback: Role | null): Role | null {
  let best: Role | null = null;
  for (const { group, role } of map)
    if (groups.includes(group) && (!best || atLeast(role, best))) best = role;
  return best ?? fallback;
}
