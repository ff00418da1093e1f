import autocannon from 'autocannon';

type AutocannonOptions = autocannon.AutocannonOptions;

/** The figures of one load run. */
export interface LoadFigures {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Responses that were not 2xx, plus socket errors and timeouts: must be 0 for a valid run. */
  failures: number;
}

/** Options of {@link runLoad}. */
export interface LoadOptions {
  url: string;
  /** Requests each connection cycles through, in order; default one GET of `url`. */
  requests?: AutocannonOptions['requests'];
  headers?: Record<string, string>;
  /** Keep-alive connections. */
  connections: number;
  /** Untimed warm-up, then the timed run, in seconds. */
  warmupSeconds: number;
  durationSeconds: number;
}

/**
 * Runs autocannon (keep-alive connections, no pipelining) in a worker thread, so the load generator does
 * not share the event loop of the servers it measures: a warm-up first, then the measured run.
 */
export async function runLoad(options: LoadOptions): Promise<LoadFigures> {
  const base: AutocannonOptions = {
    url: options.url,
    connections: options.connections,
    pipelining: 1,
    workers: 1,
    headers: options.headers,
    requests: options.requests,
  };
  await autocannon({ ...base, duration: options.warmupSeconds });
  const result = await autocannon({ ...base, duration: options.durationSeconds });
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    failures: result.non2xx + result.errors + result.timeouts,
  };
}
