import { request as httpRequest, type ClientRequest } from 'node:http';

/** Monotonic time in ms (CLOCK_MONOTONIC: comparable between processes of one host). */
export const monotonicMs = (): number => Number(process.hrtime.bigint()) / 1e6;

/** What one stream of the pool saw. */
export interface StreamTimings {
  /** When the first event frame arrived (monotonic ms), `undefined` when none did. */
  eventAt: number | undefined;
  /** When the last comment before that event arrived (monotonic ms). */
  lastCommentAt: number | undefined;
}

/** Options of {@link openClientPool}. */
export interface ClientPoolOptions {
  port: number;
  streams: number;
  headers: Record<string, string>;
  /** Streams opened concurrently. Default 250. */
  batch?: number;
}

/** N raw `/stream` requests, each recording when comments and its first event arrive. */
export interface ClientPool {
  /** Per stream, in opening order. */
  readonly timings: readonly StreamTimings[];
  /** Streams that have the event. */
  received(): number;
  /** Resolves once every stream has an event, or after `timeoutMs`. */
  waitForEvent(timeoutMs: number): Promise<void>;
  close(): void;
}

function openOne(options: ClientPoolOptions, timings: StreamTimings, requests: ClientRequest[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: options.port, path: '/stream', headers: options.headers, agent: false },
      (res) => {
        if (res.statusCode !== 200) return reject(new Error(`/stream answered ${res.statusCode}`));
        res.setEncoding('utf8');
        res.on('data', (text: string) => {
          const at = monotonicMs();
          if (timings.eventAt === undefined && text.includes('data:')) timings.eventAt = at;
          else if (timings.eventAt === undefined && text.startsWith(':')) {
            timings.lastCommentAt = at;
            resolve();
          }
        });
      },
    );
    req.on('error', reject);
    requests.push(req);
    req.end();
  });
}

/** Opens the pool; resolves once every stream got its initial comment. */
export async function openClientPool(options: ClientPoolOptions): Promise<ClientPool> {
  const timings: StreamTimings[] = Array.from({ length: options.streams }, () => ({
    eventAt: undefined,
    lastCommentAt: undefined,
  }));
  const requests: ClientRequest[] = [];
  const batch = options.batch ?? 250;
  for (let start = 0; start < options.streams; start += batch) {
    await Promise.all(timings.slice(start, start + batch).map((slot) => openOne(options, slot, requests)));
  }
  const received = () => timings.filter((slot) => slot.eventAt !== undefined).length;
  return {
    timings,
    received,
    async waitForEvent(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (received() < options.streams && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 2));
    },
    close: () => requests.forEach((req) => req.destroy()),
  };
}
