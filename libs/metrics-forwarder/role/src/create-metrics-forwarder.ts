import { METRICS_CONSUMER_GROUP, streamNames } from '@relay/redis-contract';
import { createStoreHealthMonitor, type ConfigCache, type EventStream } from '@relay/store';
import { systemClock, type Clock, type ServiceRole } from '@relay/lifecycle';
import type { Logger } from '@relay/logging';
import type { Registry } from '@relay/metrics';
import { createForwardingPipeline, type ForwardingLimits } from './forwarding-pipeline';
import {
  DEFAULT_FORWARDING_LIMITS,
  DEFAULT_METRICS_FORWARDER_TIMINGS,
  type MetricsForwarderTimings,
} from './metrics-forwarder-timings';
import { createGroupMonitor } from './group-monitor';
import { createGroupReaderLoops } from './group-reader-loops';
import { createMetricsForwarderMetrics } from './metrics-forwarder-metrics';
import type { MetricsPoster } from './metrics-poster';
import { createPendingClaims } from './pending-claims';
import { startPeriodicTask, type PeriodicTask } from './periodic-task';
import type { MetricsForwarderConfig } from './read-metrics-forwarder-config';
import { createGroupKeeper } from './group-keeper';

/** What {@link createMetricsForwarder} needs. */
export interface MetricsForwarderDeps {
  config: Pick<MetricsForwarderConfig, 'enabled' | 'offline' | 'postIntervalMs' | 'readConcurrency' | 'maxRetryAgeMs'>;
  events: EventStream;
  /** The cache port, `PING`ed for readiness when {@link pingStore} is true. */
  cache: Pick<ConfigCache, 'ping'>;
  /** Whether the store is Redis (PINGed for readiness) rather than in process. */
  pingStore: boolean;
  /** SaaS: `/proxy/auth` and the metrics POST. */
  poster: MetricsPoster;
  /** The consumer name (spec/redis-contract.md §3.11 format). */
  instanceId: string;
  logger: Logger;
  registry: Registry;
  /** Default: the system clock. */
  clock?: Clock;
  /** Jitter source; default `Math.random`. */
  random?: () => number;
  /** `SHUTDOWN_TIMEOUT` in ms (default 10 000): `close()` waits up to 80 % of it for POSTs, leaving time for the rest. */
  shutdownTimeoutMs?: number;
  timings?: Partial<MetricsForwarderTimings>;
  limits?: Partial<ForwardingLimits>;
}

/** metrics-forwarder as a service role (no router). */
export type MetricsForwarder = ServiceRole;

/**
 * Creates metrics-forwarder (decision 8; spec/redis-contract.md §4.4, spec/saas-api.md §6): reads
 * `stream:sdk_metrics` through group `metrics-forwarder`, aggregates per environment, posts to SaaS
 * and acknowledges only what SaaS accepted or what was given up and counted. With forwarding disabled
 * (`METRIC_POST_DURATION=0` or `OFFLINE=true`) it creates no group, reads nothing and idles.
 */
export function createMetricsForwarder(deps: MetricsForwarderDeps): MetricsForwarder {
  const clock = deps.clock ?? systemClock;
  const timings = { ...DEFAULT_METRICS_FORWARDER_TIMINGS, ...deps.timings };
  const logger = deps.logger.child({ component: 'metrics' });
  const metrics = createMetricsForwarderMetrics(deps.registry);
  const { events, instanceId: consumer } = deps;
  const storeHealth = createStoreHealthMonitor({
    cache: deps.cache,
    clock,
    logger: deps.logger.child({ component: 'redis' }),
    intervalMs: timings.pingIntervalMs,
  });
  const pipeline = createForwardingPipeline({
    events,
    poster: deps.poster,
    clock,
    logger,
    metrics,
    postIntervalMs: deps.config.postIntervalMs,
    maxRetryAgeMs: deps.config.maxRetryAgeMs,
    random: deps.random ?? Math.random,
    limits: { ...DEFAULT_FORWARDING_LIMITS, ...deps.limits },
  });
  const group = createGroupKeeper({
    create: () => events.createGroup(streamNames.sdkMetrics, METRICS_CONSUMER_GROUP),
    clock,
    logger,
  });
  const monitor = createGroupMonitor({
    events,
    consumer,
    metrics,
    logger,
    consumerMaxIdleMs: timings.consumerMaxIdleMs,
  });
  const claims = createPendingClaims({
    events,
    consumer,
    logger,
    metrics,
    minIdleMs: timings.autoClaimMinIdleMs,
    heldIds: pipeline.heldIds,
    isHeld: pipeline.isHeld,
    onClaimed: (entries) => pipeline.handle(entries),
    canTakeOver: pipeline.hasCapacity,
  });
  const loops = createGroupReaderLoops({
    events,
    consumer,
    concurrency: deps.config.readConcurrency,
    blockMs: timings.blockMs,
    clock,
    logger,
    metrics,
    onEntries: (entries) => pipeline.handle(entries),
    waitForCapacity: pipeline.waitForCapacity,
    recreateGroup: group.create,
  });
  let takeover: PeriodicTask | undefined;
  let upkeep: PeriodicTask[] = [];
  let stopping: Promise<void> | undefined;

  function startTasks(): void {
    const every = (task: string, intervalMs: number, run: () => Promise<void>) =>
      startPeriodicTask({ clock, intervalMs, run, task, logger });
    takeover = every('takeover', timings.autoClaimIntervalMs, claims.takeOver);
    upkeep = [
      every('keep-alive', timings.reclaimIntervalMs, async () => {
        await pipeline.retryAcks();
        await claims.keepAlive();
      }),
      every('sample', timings.sampleIntervalMs, monitor.sample),
      every('consumer-cleanup', timings.consumerCleanupIntervalMs, monitor.cleanUp),
    ];
  }

  function startForwarding(): void {
    void deps.poster.authenticate().then((auth) => {
      if (auth.ok) return;
      if (auth.keyRejected) logger.error('proxy key rejected', { status: auth.status });
      else logger.warn('proxy auth failed', { err: auth.error });
    });
    pipeline.start();
    loops.start();
    startTasks();
    // The first sample sets the trim-loss baseline (step 8) and fills the gauges early.
    void monitor.sample().catch((error: unknown) => logger.warn('metrics task failed', { task: 'sample', err: error }));
  }

  return {
    name: 'metrics-forwarder',
    async start() {
      if (deps.pingStore) await storeHealth.start();
      if (!deps.config.enabled) {
        const reason = deps.config.offline ? 'OFFLINE=true' : 'METRIC_POST_DURATION=0';
        logger.info('metrics forwarding disabled', { reason });
        return;
      }
      await group.start();
      startForwarding();
    },
    notReadyReasons() {
      const reasons: string[] = [];
      if (deps.pingStore && !storeHealth.isHealthy()) reasons.push('redis unavailable');
      if (deps.config.enabled && !group.created()) reasons.push('consumer group not created');
      return reasons;
    },
    heartbeatFields: () => ({ ...monitor.last(), inflightJobs: pipeline.unresolvedJobs() }),
    prepareClose() {
      // Stop reading first (§4.4 step 10); close() waits for the loops to end.
      stopping ??= loops.stop();
    },
    async close() {
      stopping ??= loops.stop();
      await stopping;
      group.close();
      await takeover?.close();
      // Keep-alive goes on while the last jobs are posted, so nobody takes their entries over meanwhile.
      if (deps.config.enabled) await pipeline.drain(Math.round((deps.shutdownTimeoutMs ?? 10_000) * 0.8));
      await Promise.all(upkeep.map((task) => task.close()));
      storeHealth.close();
    },
  };
}
