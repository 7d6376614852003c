import type { Metadata } from "next";
import { Time } from "@/components/ui/time";
import { notFound } from "next/navigation";
import { CopyLink } from "@/components/reports/copy-link";
import { ReportView } from "@/components/reports/report-view";
import { findReport } from "@/server/reports-ref";
import { buttonClass } from "@/components/ui/controls";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const r = await findReport((await params).id);
  return { title: r ? `${r.title} — Underlay report` : "Report not found — Underlay" };
}

/** A shared report: read from the store only, so a reader without cluster access sees it. */
export default async function ReportPage({ params }: Props) {
  const report = await findReport((await params).id);
  if (!report) notFound();
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold">{report.title}</h1>
          <p className="text-sm text-slate-600">
            Made <Time iso={report.createdAt} /> by {report.createdBy} from context{" "}
            <span className="mono">{report.context}</span>
            {report.server ? (
              <>
                {" "}
                (<span className="mono">{report.server}</span>)
              </>
            ) : null}
            .
          </p>
        </div>
        <div className="flex gap-2">
          <CopyLink />
          <a
            className={buttonClass("secondary")}
            href={`/api/reports/${report.id}/export?format=md`}
          >
            Markdown
          </a>
          <a
            className={buttonClass("secondary")}
            href={`/api/reports/${report.id}/export?format=json`}
          >
            JSON
          </a>
        </div>
      </div>
      <ReportView report={report} />
    </div>
  );
}
