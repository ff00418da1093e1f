import type { SaasEvent } from '@relay/flag-model';
import { backoffDelay, type Clock, type TimerHandle } from '@relay/lifecycle';
import type { Logger } from '@relay/logging';
import type { SaasSyncMetrics, SyncTrigger } from './saas-sync-metrics';

/** Options of {@link createSyncWorker}. */
export interface SyncWorkerOptions {
  clock: Clock;
  logger: Logger;
  metrics: SaasSyncMetrics;
  /** Runs one full sync; `envIds` restricts it. Rejects when it failed (already logged and counted). */
  runSync(trigger: SyncTrigger, envIds: ReadonlySet<string> | undefined): Promise<void>;
  /** Applies one SaaS event; rejects when the handler failed. */
  handleEvent(event: SaasEvent): Promise<void>;
  /** Cap of the failed-sync backoff (`SAAS_POLL_INTERVAL`). */
  retryCapMs: number;
  /** Waits between retries of a failed event handler; default 1 s, 2 s, 4 s (spec/saas-api.md §5.7). */
  eventRetryDelaysMs?: readonly number[];
  random?: () => number;
}

/**
 * The one place where saas-sync changes the cache: full syncs and SaaS events run strictly one at a
 * time (spec/saas-api.md §3, §5.6). Sync requests are coalesced (an unrestricted sync absorbs restricted
 * ones) and run before queued events; failed syncs other than `poll` are retried with backoff until one
 * succeeds; a failed event handler is retried, then counted and followed by a `resync` (decision 5).
 */
export interface SyncWorker {
  requestSync(trigger: SyncTrigger, envIds?: readonly string[]): void;
  enqueue(event: SaasEvent): void;
  /** Starts processing; requests and events queue until then (the leader sync comes first, §5.1). */
  resume(): void;
  /** Resolves once nothing is running or pending (retry timers aside). */
  idle(): Promise<void>;
  /** Drops the queue, pending syncs and retries (lost leadership, shutdown). */
  stop(): Promise<void>;
}

interface SyncRequest {
  trigger: SyncTrigger;
  envIds: Set<string> | undefined;
  attempt: number;
}

function merge(pending: SyncRequest | undefined, next: SyncRequest): SyncRequest {
  if (!pending) return next;
  if (!pending.envIds) return { ...pending, attempt: Math.max(pending.attempt, next.attempt) };
  if (!next.envIds) return next;
  return { trigger: pending.trigger, envIds: new Set([...pending.envIds, ...next.envIds]), attempt: Math.max(pending.attempt, next.attempt) };
}

/** Creates a {@link SyncWorker}. */
export function createSyncWorker(options: SyncWorkerOptions): SyncWorker {
  const { clock, logger, metrics } = options;
  const stopSignal = new AbortController();
  const events: SaasEvent[] = [];
  let pending: SyncRequest | undefined;
  let retry: { timer: TimerHandle; request: SyncRequest } | undefined;
  let running = false;
  let paused = true;
  let busy: Promise<void> = Promise.resolve();

  function requestSync(request: SyncRequest): void {
    if (stopSignal.signal.aborted) return;
    pending = merge(pending, request);
    wake();
  }

  function scheduleRetry(request: SyncRequest): void {
    if (request.trigger === 'poll' || stopSignal.signal.aborted) return;
    const delayMs = backoffDelay(request.attempt, { initialMs: 1000, maxMs: options.retryCapMs, jitter: 0.2 }, options.random);
    if (retry) clock.clearTimeout(retry.timer);
    const next = { ...request, attempt: request.attempt + 1 };
    retry = { request: next, timer: clock.setTimeout(() => ((retry = undefined), requestSync(next)), delayMs) };
  }

  async function runOne(): Promise<void> {
    const request = pending;
    if (request) {
      pending = undefined;
      try {
        await options.runSync(request.trigger, request.envIds);
        if (retry && (!request.envIds || retry.request.envIds)) {
          clock.clearTimeout(retry.timer);
          retry = undefined;
        }
      } catch {
        scheduleRetry(request);
      }
      return;
    }
    const event = events.shift();
    if (event) await handle(event);
  }

  async function handle(event: SaasEvent): Promise<void> {
    const delays = options.eventRetryDelaysMs ?? [1000, 2000, 4000];
    for (let attempt = 0; ; attempt++) {
      try {
        await options.handleEvent(event);
        metrics.eventReceived('false');
        return;
      } catch (error) {
        if (stopSignal.signal.aborted) return;
        if (attempt >= delays.length) {
          metrics.eventReceived('unexpected_error');
          metrics.handlerFailed(String(event.domain), String(event.event));
          logger.error('saas event failed', { domain: event.domain, event: event.event, identifier: event.identifier, envID: event.environment, err: error });
          requestSync({ trigger: 'resync', envIds: undefined, attempt: 0 });
          return;
        }
        await clock.sleep(delays[attempt] as number, stopSignal.signal);
      }
    }
  }

  function wake(): void {
    if (paused || running || stopSignal.signal.aborted) return;
    running = true;
    busy = (async () => {
      try {
        // The check is synchronous, so work queued while the last item ran is never left behind.
        while (!stopSignal.signal.aborted && (pending || events.length > 0)) await runOne();
      } finally {
        running = false;
      }
    })();
  }

  return {
    requestSync: (trigger, envIds) => requestSync({ trigger, envIds: envIds ? new Set(envIds) : undefined, attempt: 0 }),
    enqueue(event) {
      if (stopSignal.signal.aborted) return;
      events.push(event);
      wake();
    },
    resume() {
      paused = false;
      wake();
    },
    async idle() {
      while (running || (!paused && (pending || events.length > 0))) await busy;
    },
    async stop() {
      stopSignal.abort();
      events.length = 0;
      pending = undefined;
      if (retry) clock.clearTimeout(retry.timer);
      retry = undefined;
      await busy;
    },
  };
}
