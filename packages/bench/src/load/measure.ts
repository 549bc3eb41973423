/** One measured target: throughput and latency percentiles. */
export interface Measurement {
  name: string;
  /** Requests (or queries) per second. */
  rps: number;
  p50: number;
  p99: number;
  /** Answers that were not 2xx, plus connection errors. */
  failures: number;
  /** What else was measured, e.g. rows/s or events/s. */
  extra?: Record<string, number | string>;
}

/** The percentile of sorted latencies, in ms. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(
    sorted.length - 1,
    Math.ceil((p / 100) * sorted.length) - 1,
  );
  return sorted[Math.max(0, index)];
}

/**
 * Runs `task` from `concurrency` loops for `seconds` and measures it, as
 * autocannon does for HTTP: the baseline of raw SQL through `pg`.
 */
export async function measureLoop(
  name: string,
  task: () => Promise<unknown>,
  options: { concurrency: number; seconds: number },
): Promise<Measurement> {
  const latencies: number[] = [];
  let failures = 0;
  const deadline = Date.now() + options.seconds * 1000;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (Date.now() < deadline) {
        const t = process.hrtime.bigint();
        try {
          await task();
        } catch {
          failures += 1;
        }
        latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
      }
    }),
  );
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort((a, b) => a - b);
  return {
    name,
    rps: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    failures,
  };
}
