import { withApi } from "@/server/api";

export const dynamic = "force-dynamic";

/** Liveness: the process answers. Says nothing about the cluster. */
export const GET = withApi(async () => ({ ok: true }), "liveness");
