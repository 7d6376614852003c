import { safeNext } from "@/lib/auth/next-path";
import { pageUser } from "@/server/auth/page-user";
import { LoginClient } from "./client";

const SITE = "http://underlay.invalid";

export const dynamic = "force-dynamic";

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string }>;
}) {
  const me = await pageUser();
  // Only a path on this site: never an open redirect. The origin is a fixed base: only whether
  // `next` resolves onto it matters, not which host the page was opened under.
  const next = safeNext((await searchParams).next, SITE);
  return <LoginClient mode={me.mode} signedInAs={me.user?.name ?? null} next={next} />;
}
