import type { EventStream, StreamEntry } from '@relay/store';
import type { Clock, TimerHandle } from '@relay/lifecycle';
import type { Logger } from '@relay/logging';
import { createEntryAcker } from './entry-acker';
import { createJobQueue } from './job-queue';
import { createMetricsBatch } from './metrics-batch';
import type { MetricsForwarderMetrics } from './metrics-forwarder-metrics';
import type { MetricsPoster } from './metrics-poster';
import { parseMetricsEntry } from './parse-metrics-entry';
import { createJobSender } from './send-job';

/** Size limits of the pipeline (spec/saas-api.md §6.4); options so tests can shrink them. */
export interface ForwardingLimits {
  /** A batch reaching this many bytes is flushed at once. Default 1 048 576. */
  flushBytes: number;
  /** Reading pauses while unresolved jobs hold more than this many batch bytes. Default 16 MiB. */
  maxUnresolvedBytes: number;
  /** Jobs with a POST under way at once. Default 4. */
  maxInFlightJobs: number;
}

/** Dependencies of {@link createForwardingPipeline}. */
export interface ForwardingPipelineDeps {
  events: EventStream;
  poster: MetricsPoster;
  clock: Clock;
  logger: Logger;
  metrics: MetricsForwarderMetrics;
  /** `METRIC_POST_DURATION` in ms (> 0): the batch is flushed this often when not empty. */
  postIntervalMs: number;
  /** `METRICS_MAX_RETRY_AGE` in ms. */
  maxRetryAgeMs: number;
  random: () => number;
  limits: ForwardingLimits;
}

/** Entries in, acknowledged entries out: parse, aggregate, flush into jobs, post, acknowledge. */
export interface ForwardingPipeline {
  /** Starts the `METRIC_POST_DURATION` flush timer. */
  start(): void;
  /** Handles entries read or claimed from `stream:sdk_metrics` (spec/redis-contract.md §4.4 steps 3–4). */
  handle(entries: readonly StreamEntry[]): void;
  /** Whether reading may go on (unresolved jobs hold at most `maxUnresolvedBytes`). */
  hasCapacity(): boolean;
  /** Resolves when {@link hasCapacity} holds or `signal` aborts. */
  waitForCapacity(signal: AbortSignal): Promise<void>;
  /** Ids read or claimed and not acknowledged yet (the batch, unresolved jobs, failed `XACK`s). */
  heldIds(): string[];
  isHeld(id: string): boolean;
  /** Jobs not resolved yet (heartbeat `inflightJobs`). */
  unresolvedJobs(): number;
  /** Repeats failed `XACK`s. */
  retryAcks(): Promise<void>;
  /** Shutdown (§4.4 step 10): flush now, wait up to `timeoutMs` for the jobs, then abandon the rest. */
  drain(timeoutMs: number): Promise<void>;
}

/** Creates the {@link ForwardingPipeline} of spec/saas-api.md §6. */
export function createForwardingPipeline(deps: ForwardingPipelineDeps): ForwardingPipeline {
  const { clock, logger, metrics, limits } = deps;
  const batch = createMetricsBatch();
  const acker = createEntryAcker(deps.events, logger);
  const send = createJobSender(deps);
  const queue = createJobQueue({
    send,
    clock,
    logger,
    maxInFlight: limits.maxInFlightJobs,
    onResolved: (job) => void acker.ack(job.ids),
  });
  let timer: TimerHandle | undefined;
  let stopped = false;

  const isHeld = (id: string) => batch.has(id) || queue.has(id) || acker.has(id);
  const hasCapacity = () => queue.unresolvedBytes() <= limits.maxUnresolvedBytes;

  function flush(): void {
    if (batch.isEmpty()) return;
    const jobs = batch.take();
    metrics.batchBytes(0);
    queue.push(jobs);
  }

  function armTimer(): void {
    if (timer) clock.clearTimeout(timer);
    if (stopped) return;
    timer = clock.setTimeout(() => {
      flush();
      armTimer();
    }, deps.postIntervalMs);
  }

  function dropMalformed(envId: string, count: number, fields: Record<string, unknown>): void {
    metrics.dropped(envId, 'malformed', count);
    logger.error('metrics dropped', { envID: envId, reason: 'malformed', count, ...fields });
  }

  function handleOne(entry: StreamEntry): void {
    if (isHeld(entry.id)) return;
    const parsed = parseMetricsEntry(entry);
    metrics.received(parsed.kind === 'malformed');
    if (parsed.kind === 'malformed') {
      // Acknowledged at once and skipped: a bad entry never blocks the stream (§4.4 step 3).
      void acker.ack([entry.id]);
      dropMalformed(parsed.envId, 1, { id: entry.id });
      return;
    }
    if (parsed.malformedItems > 0) dropMalformed(parsed.envId, parsed.malformedItems, { id: entry.id, items: true });
    const bytes = Buffer.byteLength(entry.event, 'utf8');
    batch.add({
      id: entry.id,
      envId: parsed.envId,
      bytes,
      metricsData: parsed.metricsData,
      targetData: parsed.targetData,
    });
    metrics.batchBytes(batch.bytes());
    if (batch.bytes() >= limits.flushBytes) {
      flush();
      armTimer(); // a size-triggered flush restarts the timer (§6.4)
    }
  }

  return {
    start: armTimer,
    handle(entries) {
      for (const entry of entries) handleOne(entry);
    },
    hasCapacity,
    waitForCapacity: (signal) => queue.waitUntil(hasCapacity, signal),
    heldIds: () => [...batch.ids(), ...queue.ids(), ...acker.ids()],
    isHeld,
    unresolvedJobs: () => queue.unresolvedCount(),
    retryAcks: () => acker.retry(),
    async drain(timeoutMs) {
      stopped = true;
      if (timer) clock.clearTimeout(timer);
      flush();
      const budget = new AbortController();
      await Promise.race([
        queue.waitUntil(() => queue.unresolvedCount() === 0, budget.signal),
        clock.sleep(timeoutMs, budget.signal),
      ]);
      budget.abort();
      const abandoned = queue.unresolvedCount();
      if (abandoned > 0) logger.warn('metrics left pending', { jobs: abandoned });
      queue.close();
      await acker.settled();
    },
  };
}
