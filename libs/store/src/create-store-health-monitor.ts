import { type Clock, systemClock, type TimerHandle } from '@relay/lifecycle';
import type { Logger } from '@relay/logging';
import type { ConfigCache } from './config-cache';
import { StoreError } from './store-error';

/** Dependencies and options of {@link createStoreHealthMonitor}. */
export interface StoreHealthMonitorOptions {
  /** The store to `PING`. */
  cache: Pick<ConfigCache, 'ping'>;
  logger: Logger;
  /** Default: the system clock. */
  clock?: Clock;
  /** Time between two `PING`s, in ms (spec/redis-contract.md §9). Default 10000. */
  intervalMs?: number;
  /** A `PING` not answered within this many ms counts as failed. Default 5000 (capped at `intervalMs`). */
  timeoutMs?: number;
}

/** Whether the store answers, for readiness and `cacheStatus`. */
export interface StoreHealthMonitor {
  /** Runs the first `PING` (resolves when it has finished), then one every `intervalMs`. */
  start(): Promise<void>;
  /** True when the last `PING` succeeded; false before the first one. */
  isHealthy(): boolean;
  /** Stops the timer. */
  close(): void;
}

function pingWithin(cache: Pick<ConfigCache, 'ping'>, clock: Clock, timeoutMs: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const timer = clock.setTimeout(() => reject(new StoreError('UNAVAILABLE', `no PING reply within ${timeoutMs} ms`)), timeoutMs);
    cache.ping().then(
      () => {
        clock.clearTimeout(timer);
        resolve();
      },
      (error: unknown) => {
        clock.clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/**
 * `PING`s the store every `intervalMs` (spec/redis-contract.md §9) and logs `redis unavailable` (error,
 * with `err`) when a PING fails after a success (or at the first PING), and `redis connected` (info) when
 * it answers again (spec/observability.md §4.3). The
 * in-memory store always answers, so it is always healthy.
 */
export function createStoreHealthMonitor(options: StoreHealthMonitorOptions): StoreHealthMonitor {
  const { cache, logger, clock = systemClock, intervalMs = 10_000 } = options;
  const timeoutMs = Math.min(options.timeoutMs ?? 5000, intervalMs);
  let healthy: boolean | undefined;
  let timer: TimerHandle | undefined;
  let closed = false;

  function record(ok: boolean, error?: unknown): void {
    // The first success is not logged: the connector already said `redis connected` at startup.
    if (ok && healthy === false) logger.info('redis connected');
    if (!ok && healthy !== false) logger.error('redis unavailable', { err: error });
    healthy = ok;
  }

  async function tick(): Promise<void> {
    try {
      await pingWithin(cache, clock, timeoutMs);
      record(true);
    } catch (error) {
      record(false, error);
    }
    if (!closed) timer = clock.setTimeout(() => void tick(), intervalMs);
  }

  return {
    start: () => tick(),
    isHealthy: () => healthy === true,
    close() {
      closed = true;
      if (timer) clock.clearTimeout(timer);
    },
  };
}
