"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";

/** The kubeconfig context the page works on: `?context=`, else the kubeconfig's current one. */
export function useSelectedContext(): [string | undefined, (c: string) => void] {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const context = params.get("context") ?? undefined;
  const set = (c: string) => {
    const next = new URLSearchParams(params);
    next.set("context", c);
    router.replace(`${pathname}?${next.toString()}`);
  };
  return [context, set];
}
