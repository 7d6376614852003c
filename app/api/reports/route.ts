import { NextResponse } from "next/server";
import { createReportRequest, reportListQuery } from "@/lib/schemas/report";
import { parseBody, parseQuery, withApi } from "@/server/api";
import { audit } from "@/server/auth/audit";
import { makeReport } from "@/server/reports";
import { db } from "@/server/store";
import { listReports } from "@/server/store/reports";

export const dynamic = "force-dynamic";

export const GET = withApi(async (req) =>
  listReports(await db(), parseQuery(req, reportListQuery).q),
);

export const POST = withApi(
  async (req, _ctx, user) => {
    const report = await makeReport(await parseBody(req, createReportRequest), user.name);
    await audit(user, "report.create", `report/${report.id}`, {
      title: report.title,
      context: report.context,
    });
    return NextResponse.json({ id: report.id, url: `/reports/${report.id}` }, { status: 201 });
  },
  { role: "operator", does: "create reports" },
);
