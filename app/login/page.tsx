import { pageUser } from "@/server/auth/page-user";
import { LoginClient } from "./client";

export const dynamic = "force-dynamic";

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string }>;
}) {
  const me = await pageUser();
  const next = (await searchParams).next;
  // Only a path on this site: never an open redirect.
  const safeNext =
    next && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") ? next : "/";
  return <LoginClient mode={me.mode} signedInAs={me.user?.name ?? null} next={safeNext} />;
}
