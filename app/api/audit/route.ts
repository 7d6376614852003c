import { auditQuery } from "@/lib/schemas/auth";
import { parseQuery, withApi } from "@/server/api";
import { db } from "@/server/store";
import { listAudit } from "@/server/store/audit";

export const dynamic = "force-dynamic";

export const GET = withApi(async (req) => listAudit(await db(), parseQuery(req, auditQuery)), {
  role: "admin",
  does: "read the audit log",
});
