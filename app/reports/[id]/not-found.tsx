import Link from "next/link";

export default function ReportNotFound() {
  return (
    <div className="space-y-2">
      <h1 className="text-xl font-semibold">Report not found</h1>
      <p className="text-sm text-slate-600">
        There is no report at this address: the link is mistyped, or the report was deleted.
      </p>
      <Link href="/reports" className="text-blue-700 underline">
        All reports
      </Link>
    </div>
  );
}
