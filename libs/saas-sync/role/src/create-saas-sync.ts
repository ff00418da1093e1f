import { redisKeys } from '@relay/redis-contract';
import { createStoreHealthMonitor, type ConfigCache, type EventStream } from '@relay/store';
import { systemClock, type Clock, type ServiceRole } from '@relay/lifecycle';
import type { Logger } from '@relay/logging';
import type { Registry } from '@relay/metrics';
import { createLeaderLease } from './leader-lease';
import { createLeadershipTerm, type LeadershipTerm, type LeadershipTermOptions } from './leadership-term';
import type { SaasSyncConfig } from './read-saas-sync-config';
import { createSaasSyncMetrics } from './saas-sync-metrics';
import type { SaasPort } from './saas-port';
import { createSyncEngine } from './sync-engine';

/** What {@link createSaasSync} needs. */
export interface SaasSyncDeps {
  config: SaasSyncConfig;
  cache: ConfigCache;
  events: EventStream;
  /** SaaS for this proxy key; absent with `OFFLINE=true`. */
  saas: SaasPort | undefined;
  /** `sha256hex(PROXY_KEY)`, or `sha256hex("offline")` offline without a key. */
  proxyKeyHash: string;
  instanceId: string;
  logger: Logger;
  registry: Registry;
  /** Whether the store is Redis (PINGed for readiness) rather than in process. */
  pingStore: boolean;
  clock?: Clock;
  random?: () => number;
  /** Fixed periods shrunk by tests (spec/redis-contract.md §1.11). */
  timings?: LeadershipTermOptions['timings'] & { pingIntervalMs?: number };
}

/** saas-sync as a service role, plus what tests and the heartbeat want to know. */
export interface SaasSync extends ServiceRole {
  isLeader(): boolean;
  /** Resolves once the current term has nothing running or queued. */
  idle(): Promise<void>;
}

/**
 * Creates saas-sync (spec/saas-api.md §5): standbys try to take the lease every TTL/3; the leader runs a
 * {@link LeadershipTerm} until it loses the lease or shuts down, when it closes the SaaS stream, appends
 * DISCONNECTED and releases the lease. Readiness only needs Redis, never SaaS or the lease (decision 13).
 */
export function createSaasSync(deps: SaasSyncDeps): SaasSync {
  const clock = deps.clock ?? systemClock;
  const logger = deps.logger;
  const metrics = createSaasSyncMetrics(deps.registry);
  const storeHealth = createStoreHealthMonitor({ cache: deps.cache, clock, logger: logger.child({ component: 'redis' }), intervalMs: deps.timings?.pingIntervalMs });
  let term: LeadershipTerm | undefined;
  let termStart: Promise<void> = Promise.resolve();

  const lease = createLeaderLease({
    cache: deps.cache,
    key: redisKeys.leader(deps.proxyKeyHash),
    instanceId: deps.instanceId,
    ttlMs: deps.config.leaseTtlMs,
    clock,
    logger: logger.child({ component: 'lease' }),
    listener: {
      onAcquired() {
        metrics.leader(true);
        const engine = createSyncEngine({
          cache: deps.cache,
          events: deps.events,
          proxyKeyHash: deps.proxyKeyHash,
          sseEventsMaxLen: deps.config.sseEventsMaxLen,
          now: () => clock.now(),
          assertLeader: () => lease.assertLeader(),
          published: metrics.published,
        });
        const current = createLeadershipTerm({
          config: deps.config, cache: deps.cache, events: deps.events, saas: deps.saas, engine, proxyKeyHash: deps.proxyKeyHash,
          clock, logger: logger.child({ component: 'sync' }), metrics, assertLeader: () => lease.assertLeader(), random: deps.random, timings: deps.timings,
        });
        term = current;
        termStart = current.start().catch((error: unknown) => logger.error('leadership start failed', { err: error }));
      },
      onLost() {
        metrics.leader(false);
        const ended = term;
        term = undefined;
        void termStart.then(() => ended?.stop(false));
      },
      onRenewed: () => void term?.checkFlushed().catch((error: unknown) => logger.warn('cache check failed', { err: error })),
    },
  });

  return {
    name: 'saas-sync',
    isLeader: () => lease.isLeader(),
    async idle() {
      await termStart;
      await term?.idle();
    },
    async start() {
      if (deps.pingStore) await storeHealth.start();
      lease.start();
    },
    notReadyReasons: () => (deps.pingStore && !storeHealth.isHealthy() ? ['redis unavailable'] : []),
    heartbeatFields: () => ({
      leader: lease.isLeader(),
      streamState: term?.streamState() ?? 'DISCONNECTED',
      configState: term?.configStatus()?.state ?? 'INITIALIZING',
      lastSyncedAt: term?.configStatus()?.lastSyncedAt ?? null,
    }),
    async close() {
      const ended = term;
      term = undefined;
      await termStart;
      await ended?.stop(true);
      await lease.close();
      metrics.leader(false);
      await storeHealth.close();
    },
  };
}
