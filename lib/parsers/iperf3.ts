/** `iperf3 -c HOST -P N -t S -J` (iperf3 3.x JSON): totals and the per-second sum across streams. */
export type Iperf3Result = {
  streams: number;
  seconds: number;
  sentBps: number;
  receivedBps: number;
  retransmits: number | null;
  tcpMss: number | null;
  intervals: { start: number; end: number; bps: number; retransmits: number | null }[];
  error: string | null;
};

type Sum = {
  start?: number;
  end?: number;
  seconds?: number;
  bits_per_second?: number;
  retransmits?: number;
};
type Json = {
  start?: { test_start?: { num_streams?: number; duration?: number }; tcp_mss_default?: number };
  intervals?: { sum?: Sum }[];
  end?: { sum_sent?: Sum; sum_received?: Sum };
  error?: string;
};

export function parseIperf3Json(stdout: string): Iperf3Result {
  const j = JSON.parse(stdout) as Json;
  return {
    streams: j.start?.test_start?.num_streams ?? 0,
    seconds: j.end?.sum_received?.seconds ?? j.start?.test_start?.duration ?? 0,
    sentBps: j.end?.sum_sent?.bits_per_second ?? 0,
    receivedBps: j.end?.sum_received?.bits_per_second ?? 0,
    retransmits: j.end?.sum_sent?.retransmits ?? null,
    tcpMss: j.start?.tcp_mss_default ?? null,
    intervals: (j.intervals ?? []).map((i) => ({
      start: i.sum?.start ?? 0,
      end: i.sum?.end ?? 0,
      bps: i.sum?.bits_per_second ?? 0,
      retransmits: i.sum?.retransmits ?? null,
    })),
    error: j.error ?? null,
  };
}
