"use client";

import { useRef, useState } from "react";
import { errorOf } from "@/lib/fetch-json";
import { ndjsonSplitter, type DiagnosticEvent } from "@/lib/debug/events";

export type RunState = { running: boolean; events: DiagnosticEvent[]; error: unknown };

/** Runs a diagnostic and collects its streamed events as they arrive; cancel() stops it. */
export function useDiagnostic(path: string) {
  const [state, setState] = useState<RunState>({ running: false, events: [], error: null });
  const abort = useRef<AbortController | null>(null);

  async function run(body: unknown) {
    abort.current?.abort();
    const ctrl = (abort.current = new AbortController());
    setState({ running: true, events: [], error: null });
    try {
      const res = await fetch(path, {
        method: "POST",
        body: JSON.stringify(body),
        headers: { "content-type": "application/json" },
        signal: ctrl.signal,
      });
      // The error contract, read from this answer (the run is not sent again).
      if (!res.ok || !res.body) throw await errorOf(res);
      const split = ndjsonSplitter();
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { value, done } = await reader.read();
        const events = split(value ?? "", done);
        if (events.length) setState((s) => ({ ...s, events: [...s.events, ...events] }));
        if (done) break;
      }
      setState((s) => ({ ...s, running: false }));
    } catch (error) {
      setState((s) => ({ ...s, running: false, error: ctrl.signal.aborted ? null : error }));
    }
  }

  return { ...state, run, cancel: () => abort.current?.abort() };
}
