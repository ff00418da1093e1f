import { backoffDelay, type Clock, type TimerHandle } from '@relay/lifecycle';
import type { Logger } from '@relay/logging';
import type { HealthPublisher } from './health-publisher';
import { parseSaasEvent } from './parse-saas-event';
import type { SaasSyncMetrics } from './saas-sync-metrics';
import type { SaasPort, SaasStreamBlock, SaasStreamEnd } from './saas-port';
import type { SyncWorker } from './sync-worker';

/** Options of {@link createSaasConnection}. */
export interface SaasConnectionOptions {
  saas: SaasPort;
  health: HealthPublisher;
  worker: SyncWorker;
  clock: Clock;
  logger: Logger;
  metrics: SaasSyncMetrics;
  /** `SAAS_POLL_INTERVAL` in ms: poll period while down, cap of the reconnect backoff. */
  pollIntervalMs: number;
  /** `SAAS_STREAM_READ_TIMEOUT` in ms. */
  readTimeoutMs: number;
  /** Every transition to CONNECTED; `first` for the first one of the leadership term. */
  onConnected(first: boolean): void;
  random?: () => number;
}

/** The leader's account stream with polling while it is down (spec/saas-api.md §5.2–5.8, decision 3). */
export interface SaasConnection {
  start(): void;
  /** Resolves true once CONNECTED, false after `timeoutMs`. */
  waitConnected(timeoutMs: number): Promise<boolean>;
  stop(): Promise<void>;
}

function describe(end: SaasStreamEnd): string {
  return end.reason === 'status' ? `status ${end.status}` : end.reason;
}

/** Creates a {@link SaasConnection}. */
export function createSaasConnection(options: SaasConnectionOptions): SaasConnection {
  const { saas, health, worker, clock, logger, metrics } = options;
  const stop = new AbortController();
  const connectedWaiters = new Set<() => void>();
  let connections = 0;
  let lastEventId: string | undefined;
  let pollTimer: TimerHandle | undefined;
  let loop: Promise<void> | undefined;

  const onBlock = (block: SaasStreamBlock) => {
    if (block.id !== undefined) lastEventId = block.id;
    if (block.data === undefined || block.data === '') return;
    const parsed = parseSaasEvent(block.data);
    if (parsed.kind === 'event') return worker.enqueue(parsed.event);
    metrics.eventReceived('err_parsing_message');
    if (parsed.kind === 'invalid') logger.warn('saas event ignored', { reason: 'not valid JSON' });
    else if (parsed.kind === 'unknown') logger.warn('saas event ignored', { domain: parsed.event.domain, event: parsed.event.event });
    else {
      logger.error('saas event failed', { domain: parsed.event.domain, event: parsed.event.event, err: parsed.reason });
      worker.requestSync('resync');
    }
  };

  const poll = () => {
    worker.requestSync('poll');
    pollTimer = clock.setTimeout(poll, options.pollIntervalMs);
  };

  function connected(): void {
    connections++;
    logger.info('saas stream connected');
    if (pollTimer) clock.clearTimeout(pollTimer);
    pollTimer = undefined;
    metrics.polling(false);
    void health.set('CONNECTED');
    for (const resolve of connectedWaiters) resolve();
    options.onConnected(connections === 1);
  }

  function disconnected(end: SaasStreamEnd): void {
    if (health.current().state === 'DISCONNECTED' && pollTimer) return;
    logger.warn('saas stream disconnected', { reason: describe(end) });
    void health.set('DISCONNECTED');
    metrics.polling(true);
    if (!pollTimer) poll();
  }

  async function attempt(needsAuth: boolean): Promise<SaasStreamEnd> {
    if (needsAuth) await saas.authenticate();
    metrics.streamAttempt();
    return saas.runStream({ lastEventId, readTimeoutMs: options.readTimeoutMs, signal: stop.signal, onConnected: connected, onBlock, onOversize: () => logger.error('saas event ignored', { reason: 'block over 1 MiB' }) });
  }

  async function run(): Promise<void> {
    let failures = 0;
    let needsAuth = false;
    while (!stop.signal.aborted) {
      const before = connections;
      let end: SaasStreamEnd;
      try {
        end = await attempt(needsAuth);
        needsAuth = false;
      } catch (error) {
        end = { reason: 'error', error };
      }
      if (stop.signal.aborted) return;
      if (connections > before) failures = 0;
      needsAuth = end.reason === 'status' && (end.status === 401 || end.status === 403);
      disconnected(end);
      await clock.sleep(backoffDelay(failures++, { initialMs: 1000, maxMs: options.pollIntervalMs, jitter: 0.2 }, options.random), stop.signal);
    }
  }

  return {
    start() {
      loop = run();
    },
    waitConnected(timeoutMs) {
      if (connections > 0) return Promise.resolve(true);
      return new Promise((resolve) => {
        const done = (value: boolean) => {
          connectedWaiters.delete(onConnect);
          clock.clearTimeout(timer);
          resolve(value);
        };
        const onConnect = () => done(true);
        const timer = clock.setTimeout(() => done(false), timeoutMs);
        connectedWaiters.add(onConnect);
      });
    },
    async stop() {
      stop.abort();
      if (pollTimer) clock.clearTimeout(pollTimer);
      pollTimer = undefined;
      metrics.polling(false);
      await loop;
    },
  };
}
