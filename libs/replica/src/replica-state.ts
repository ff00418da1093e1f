import type { ConfigCache, EventStream } from '@relay/store';
import { createStoreHealthMonitor } from '@relay/store';
import type { Clock, TimerHandle } from '@relay/lifecycle';
import type { Logger } from '@relay/logging';
import type { Registry } from '@relay/metrics';
import { createChangeFeed, type ChangeFeed } from './change-feed';
import { createConfigStatusFollower, type ConfigStatusFollower } from './config-status-follower';
import { createReplicaMetrics, type ReplicaMetrics } from './replica-metrics';
import { createStreamHealthFollower, type StreamHealthFollower } from './stream-health-follower';
import { createTokenGate, type TokenGate, type TokenVerifier } from './token-gate';

/** Options of {@link createReplicaState}. */
export interface ReplicaStateOptions {
  cache: ConfigCache;
  events: EventStream;
  verifier: TokenVerifier;
  clock: Clock;
  logger: Logger;
  registry: Registry;
  /** `CACHE_REVALIDATE_INTERVAL` in ms: revalidation tick and token-cache age (spec/redis-contract.md §7.3). */
  revalidateIntervalMs: number;
  /** `READ_REPLICA`: `/health` reports `READ_REPLICA`. */
  readReplica: boolean;
  /** Whether the store is Redis (PINGed every 10 s) or in process (always healthy). */
  pingStore: boolean;
  /** Fixed periods, shrunk by tests (spec/redis-contract.md §1.11). */
  timings?: { blockMs?: number; staleAfterMs?: number; pingIntervalMs?: number; unsyncedPollMs?: number };
}

/**
 * What every SDK-facing process follows from Redis, shared by sdk-gateway and sse-fanout (one instance
 * for both in the all-in-one): the change feed, the SaaS stream health, the config status, the token
 * gate and the store health, plus the revalidation tick.
 */
export interface ReplicaState {
  readonly changeFeed: ChangeFeed;
  readonly streamHealth: StreamHealthFollower;
  readonly configStatus: ConfigStatusFollower;
  readonly tokens: TokenGate;
  readonly metrics: ReplicaMetrics;
  readonly readReplica: boolean;
  readonly startedAt: number;
  /** Whether the last store PING succeeded. */
  storeHealthy(): boolean;
  /** Called on every revalidation tick, after the gap check. */
  onRevalidate(listener: () => void | Promise<void>): () => void;
  /** `/readyz` reasons of an SDK-facing role (spec/sdk-api.md §9.2). */
  notReadyReasons(): string[];
  start(): Promise<void>;
  close(): Promise<void>;
}

/** Creates a {@link ReplicaState}. */
export function createReplicaState(options: ReplicaStateOptions): ReplicaState {
  const { cache, events, clock, logger, revalidateIntervalMs } = options;
  const timings = options.timings ?? {};
  const metrics = createReplicaMetrics(options.registry);
  const changeFeed = createChangeFeed({ events, clock, logger: logger.child({ component: 'events' }), metrics, blockMs: timings.blockMs });
  const streamHealth = createStreamHealthFollower({ events, clock, logger, metrics, blockMs: timings.blockMs, staleAfterMs: timings.staleAfterMs });
  const configStatus = createConfigStatusFollower({ cache, clock, logger, metrics, unsyncedPollMs: timings.unsyncedPollMs });
  const tokens = createTokenGate({ cache, verifier: options.verifier, clock, revalidateIntervalMs });
  const storeHealth = createStoreHealthMonitor({ cache, clock, logger: logger.child({ component: 'redis' }), intervalMs: timings.pingIntervalMs });
  const revalidators = new Set<() => void | Promise<void>>();
  const startedAt = clock.now();
  let tickTimer: TimerHandle | undefined;
  let closed = false;

  changeFeed.subscribe({
    onEvent(event) {
      if (event.domain !== 'proxy') return;
      if (event.event === 'environmentsRemoved' || event.event === 'proxyKeyDeleted') tokens.dropEnvironments(event.environments);
      if (event.event === 'apiKeyRemoved' && event.apiKey !== '') tokens.dropSdkKey(event.apiKey);
    },
    onGap: () => tokens.dropAll(),
  });

  async function tick(): Promise<void> {
    await configStatus.refresh();
    streamHealth.state();
    try {
      await changeFeed.checkGap();
    } catch (error) {
      logger.warn('events gap check failed', { err: error });
    }
    for (const revalidate of revalidators) {
      try {
        await revalidate();
      } catch (error) {
        logger.warn('revalidation failed', { err: error });
      }
    }
  }

  const schedule = () => {
    tickTimer = clock.setTimeout(() => {
      void tick().finally(() => {
        if (!closed) schedule();
      });
    }, revalidateIntervalMs);
  };

  return {
    changeFeed,
    streamHealth,
    configStatus,
    tokens,
    metrics,
    readReplica: options.readReplica,
    startedAt,
    storeHealthy: () => !options.pingStore || storeHealth.isHealthy(),
    onRevalidate(listener) {
      revalidators.add(listener);
      return () => revalidators.delete(listener);
    },
    notReadyReasons() {
      const reasons: string[] = [];
      if (options.pingStore && !storeHealth.isHealthy()) reasons.push('redis unavailable');
      if (!configStatus.hasSynced()) reasons.push('never synced');
      if (!configStatus.schemaSupported()) reasons.push('unsupported schema version');
      return reasons;
    },
    async start() {
      if (options.pingStore) await storeHealth.start();
      await configStatus.start();
      await streamHealth.start();
      await changeFeed.start();
      schedule();
    },
    async close() {
      closed = true;
      if (tickTimer) clock.clearTimeout(tickTimer);
      configStatus.close();
      await Promise.all([changeFeed.close(), streamHealth.close(), storeHealth.close()]);
    },
  };
}
