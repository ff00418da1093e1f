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
  /** Untimed warm-up before the timed run, in seconds; 0 skips it. */
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
  if (options.warmupSeconds > 0) await autocannon({ ...base, duration: options.warmupSeconds });
  const result = await autocannon({ ...base, duration: options.durationSeconds });
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    failures: result.non2xx + result.errors + result.timeouts,
  };
}

/** Figures of several runs: mean requests/s, mean p50, worst p99, all failures. */
export function combineLoads(runs: readonly LoadFigures[]): LoadFigures {
  const mean = (pick: (run: LoadFigures) => number) => runs.reduce((sum, run) => sum + pick(run), 0) / runs.length;
  return {
    requestsPerSecond: Math.round(mean((run) => run.requestsPerSecond)),
    p50Ms: Number(mean((run) => run.p50Ms).toFixed(2)),
    p99Ms: Math.max(...runs.map((run) => run.p99Ms)),
    failures: runs.reduce((sum, run) => sum + run.failures, 0),
  };
}
