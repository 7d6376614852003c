import { withApi } from "@/server/api";
import { sessionKeys } from "@/server/auth/keys";
import { meOf } from "@/server/auth/user";

export const dynamic = "force-dynamic";

/** Who this browser is signed in as, and how this Underlay signs people in. */
export const GET = withApi(async (req) => meOf(req, await sessionKeys()), "public");
