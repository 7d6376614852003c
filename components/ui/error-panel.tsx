import { guidance } from "@/lib/guidance";
import { ApiRequestError } from "@/lib/fetch-json";

/** A failure in words: what happened, and what to do about it. Never a stack trace. */
export function ErrorPanel({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const code = error instanceof ApiRequestError ? error.code : "error";
  const message = error instanceof Error ? error.message : "Something went wrong.";
  const help = code in guidance ? guidance[code as keyof typeof guidance] : undefined;
  return (
    <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-4 text-sm">
      <h2 className="font-semibold text-red-900">{help?.title ?? "Something went wrong"}</h2>
      <p className="mt-1 text-red-900">{message}</p>
      {help && (
        <ul className="mt-2 list-disc space-y-1 pl-5 text-red-800">
          {help.steps.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ul>
      )}
      {onRetry && (
        <button
          type="button"
          onClick={onRetry}
          className="mt-3 rounded bg-red-700 px-3 py-1 text-white hover:bg-red-800"
        >
          Try again
        </button>
      )}
    </div>
  );
}
