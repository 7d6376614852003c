import Link from "next/link";

export default function NotFound() {
  return (
    <div className="space-y-2">
      <h1 className="text-xl font-semibold">Not found</h1>
      <p className="text-sm text-slate-600">There is nothing at this address.</p>
      <Link href="/" className="text-accent underline">
        Back to the overview
      </Link>
    </div>
  );
}
