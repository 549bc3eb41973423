import autocannon from 'autocannon';
import { Measurement } from './measure';

export interface HttpTarget {
  name: string;
  url: string;
  token: string;
  method?: 'GET' | 'POST';
  /** A fresh body (and path) for each request, e.g. one change per action. */
  next?: () => { path: string; body: string };
  /** Seconds before a request counts as timed out; autocannon's 10 by default. */
  timeoutSeconds?: number;
}

/**
 * Loopback load with autocannon: `connections` connections for `seconds`,
 * after a one-second warm-up that is not counted.
 */
export async function loadHttp(
  target: HttpTarget,
  options: { connections: number; seconds: number; warmup?: boolean },
): Promise<Measurement> {
  const run = (duration: number) =>
    autocannon({
      url: target.url,
      connections: options.connections,
      duration,
      timeout: target.timeoutSeconds,
      method: target.method ?? 'GET',
      headers: {
        authorization: `Bearer ${target.token}`,
        'content-type': 'application/json',
      },
      requests: target.next
        ? [
            {
              setupRequest: request => {
                const { path, body } = target.next!();
                return { ...request, path, body };
              },
            },
          ]
        : undefined,
    });
  if (options.warmup ?? true) await run(1);
  const result = await run(options.seconds);
  return {
    name: target.name,
    rps: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: result.non2xx + result.errors + result.timeouts,
  };
}
