import { notFound } from "@/lib/api-error";
import { withApi } from "@/server/api";

export const dynamic = "force-dynamic";

/** Any other path under /api: the error contract, not an HTML page. */
const none = withApi(async (req) => {
  throw notFound(`There is no API route at ${req.nextUrl.pathname.slice(0, 200)}.`);
}, "public");

export { none as GET, none as POST, none as PUT, none as PATCH, none as DELETE };
