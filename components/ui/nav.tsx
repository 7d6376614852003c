"use client";

import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { useMe } from "@/components/auth/user-context";
import { atLeast, type Role } from "@/lib/auth/roles";

export type NavItem = { href: string; label: string; role?: Role };

/** Top navigation; keeps the selected context (?context=) when moving between pages. */
export function Nav({ items }: { items: NavItem[] }) {
  const pathname = usePathname();
  const context = useSearchParams().get("context");
  const suffix = context ? `?context=${encodeURIComponent(context)}` : "";
  const { user } = useMe();
  if (pathname === "/login") return null;
  return (
    <nav aria-label="Main" className="flex gap-1">
      {items
        .filter((item) => !item.role || (user && atLeast(user.role, item.role)))
        .map((item) => {
          const active = item.href === "/" ? pathname === "/" : pathname.startsWith(item.href);
          return (
            <Link
              key={item.href}
              href={`${item.href}${suffix}`}
              aria-current={active ? "page" : undefined}
              className={`rounded px-3 py-1.5 text-sm ${active ? "bg-slate-900 text-white" : "text-slate-700 hover:bg-slate-200"}`}
            >
              {item.label}
            </Link>
          );
        })}
    </nav>
  );
}
