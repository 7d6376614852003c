"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";

/**
 * A page's view kept in its URL (`?namespace=shop&sel=node:lab-node-2`), so a link shows the same
 * view. Values start from the URL; each change is written back (replace, no scroll), and what is
 * shown follows the page's own state, so typing is never held up by a navigation.
 */
export function useUrlState<K extends string>(
  keys: readonly K[],
): [Record<K, string | undefined>, (changes: Partial<Record<K, string | undefined>>) => void] {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const [state, setState] = useState(
    () =>
      Object.fromEntries(keys.map((k) => [k, params.get(k) ?? undefined])) as Record<
        K,
        string | undefined
      >,
  );
  const set = (changes: Partial<Record<K, string | undefined>>) => {
    setState((s) => ({ ...s, ...changes }));
    const next = new URLSearchParams(window.location.search);
    for (const [k, v] of Object.entries(changes) as [K, string | undefined][])
      if (v === undefined || v === "") next.delete(k);
      else next.set(k, v);
    const query = next.toString();
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
  };
  return [state, set];
}
