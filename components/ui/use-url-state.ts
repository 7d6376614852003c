"use client";

import { useSearchParams } from "next/navigation";
import { useState } from "react";

/**
 * A page's view kept in its URL (`?namespace=shop&sel=node:lab-node-2`), so a link shows the same
 * view. A change is written with history.replaceState (no navigation, no round trip to the server;
 * Next keeps useSearchParams in step) and shown at once from the page's own state; when the URL
 * changes under the page (a link to the bare page), the URL wins.
 */
export function useUrlState<K extends string>(
  keys: readonly K[],
): [Record<K, string | undefined>, (changes: Partial<Record<K, string | undefined>>) => void] {
  const params = useSearchParams();
  const search = params.toString();
  const [local, setLocal] = useState<{
    base: string;
    values: Partial<Record<K, string | undefined>>;
  }>({ base: search, values: {} });
  const overrides: Partial<Record<K, string | undefined>> =
    local.base === search ? local.values : {};
  const state = Object.fromEntries(
    keys.map((k) => [k, k in overrides ? overrides[k] : (params.get(k) ?? undefined)]),
  ) as Record<K, string | undefined>;
  const set = (changes: Partial<Record<K, string | undefined>>) => {
    const next = new URLSearchParams(window.location.search);
    for (const [k, v] of Object.entries(changes) as [K, string | undefined][])
      if (v === undefined || v === "") next.delete(k);
      else next.set(k, v);
    const query = next.toString();
    window.history.replaceState(null, "", query ? `?${query}` : window.location.pathname);
    setLocal({ base: query, values: { ...overrides, ...changes } });
  };
  return [state, set];
}
