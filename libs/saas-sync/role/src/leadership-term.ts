import { DependencyError } from '@relay/errors';
import type { ProxyEnvironment, SaasEvent } from '@relay/flag-model';
import { parseConfigStatus, redisKeys, sha256hex, type ConfigStatus } from '@relay/redis-contract';
import type { ConfigCache, EventStream } from '@relay/store';
import type { Clock, TimerHandle } from '@relay/lifecycle';
import type { Logger } from '@relay/logging';
import { applySaasEvent } from './apply-saas-event';
import { failedConfigStatus, initialConfigStatus, syncedConfigStatus } from './config-status-rules';
import { environmentFromConfig } from './desired-state';
import { toStoredItem, type EnvironmentState } from './environment-state';
import { fetchProxyConfig } from './fetch-proxy-config';
import { createHealthPublisher } from './health-publisher';
import { NotLeaderError } from './leader-lease';
import { OfflineConfigError, readOfflineConfig } from './read-offline-config';
import type { SaasSyncConfig } from './read-saas-sync-config';
import { createSaasConnection, type SaasConnection } from './saas-connection';
import type { SaasSyncMetrics, SyncTrigger } from './saas-sync-metrics';
import type { SaasPort } from './saas-port';
import type { SyncEngine } from './sync-engine';
import { createSyncWorker } from './sync-worker';

/** Options of {@link createLeadershipTerm}. */
export interface LeadershipTermOptions {
  config: SaasSyncConfig;
  cache: ConfigCache;
  events: EventStream;
  /** SaaS; absent offline. */
  saas: SaasPort | undefined;
  engine: SyncEngine;
  /** Names the inventory checked for a flushed Redis. */
  proxyKeyHash: string;
  clock: Clock;
  logger: Logger;
  metrics: SaasSyncMetrics;
  assertLeader(): void;
  random?: () => number;
  /** Fixed periods (spec/redis-contract.md §1.11): health heartbeat, first-connection wait, event retries. */
  timings?: { healthHeartbeatMs?: number; connectWaitMs?: number; eventRetryDelaysMs?: number[] };
}

/** One leadership of this instance: from acquiring the lease until losing or releasing it (spec/saas-api.md §5.1). */
export interface LeadershipTerm {
  start(): Promise<void>;
  /** The mirror is non-empty but the inventory vanished (Redis flushed): rewrite everything. */
  checkFlushed(): Promise<void>;
  streamState(): string;
  configStatus(): ConfigStatus | undefined;
  /** Resolves once no sync or event is running or queued (tests). */
  idle(): Promise<void>;
  /** Ends the term; `graceful` appends DISCONNECTED first (shutdown, not a lost lease). */
  stop(graceful: boolean): Promise<void>;
}

const isKeyRejected = (error: unknown) =>
  error instanceof DependencyError && error.dependency === 'saas' && [401, 403, 404].includes(error.status ?? 0);

/** Creates a {@link LeadershipTerm}. */
export function createLeadershipTerm(options: LeadershipTermOptions): LeadershipTerm {
  const { config, cache, engine, clock, logger, metrics, saas } = options;
  const timings = options.timings ?? {};
  const source: ConfigStatus['source'] = config.offline ? 'offline' : 'saas';
  const health = createHealthPublisher({ events: options.events, clock, logger, metrics, heartbeatMs: timings.healthHeartbeatMs });
  let status: ConfigStatus | undefined;
  let leaderSyncStarted = false;
  let offlineHash: string | undefined;
  let reloadTimer: TimerHandle | undefined;
  let connection: SaasConnection | undefined;

  async function desiredState(trigger: SyncTrigger, envIds: ReadonlySet<string> | undefined): Promise<EnvironmentState[]> {
    if (config.offline) {
      const offline = await readOfflineConfig(config.configDir);
      offlineHash = offline.hash;
      return offline.environments.map(({ env, targets }) => environmentFromConfig(env, undefined, targets.map((t) => toStoredItem(t.identifier, t.value))));
    }
    const port = saas as SaasPort;
    if (trigger === 'environment_added') await port.authenticate();
    let environments: ProxyEnvironment[] = [];
    if (envIds) for (const environment of envIds) environments.push(...(await fetchProxyConfig({ saas: port, clock, logger, environment })).filter((env) => env.id === environment));
    else environments = await fetchProxyConfig({ saas: port, clock, logger });
    return environments.map((env) => environmentFromConfig(env, port.accountId()));
  }

  async function runSync(trigger: SyncTrigger, envIds: ReadonlySet<string> | undefined): Promise<void> {
    const startedAt = clock.now();
    try {
      options.assertLeader();
      const desired = await desiredState(trigger, envIds);
      const next = syncedConfigStatus(status, clock.now(), source);
      const summary = await engine.sync(desired, { restrictTo: envIds, configStatus: next });
      status = next;
      metrics.lastSynced(next.lastSyncedAt ?? 0);
      metrics.fullSync(trigger, true, (clock.now() - startedAt) / 1000);
      logger.info('full sync finished', { trigger, environments: desired.length, changes: summary.changedEnvironments, entries: summary.entries.length, durationMs: clock.now() - startedAt });
    } catch (error) {
      metrics.fullSync(trigger, false, (clock.now() - startedAt) / 1000);
      logger.error('full sync failed', { trigger, err: error });
      if (error instanceof NotLeaderError) throw error;
      await recordFailure(error);
      if (!(error instanceof OfflineConfigError)) throw error;
    }
  }

  async function recordFailure(error: unknown): Promise<void> {
    if (isKeyRejected(error)) logger.error('proxy key rejected', { status: (error as DependencyError).status });
    status = failedConfigStatus(status, clock.now(), { error: (error as Error).message ?? String(error), keyRejected: isKeyRejected(error), source });
    try {
      options.assertLeader();
      await cache.set(redisKeys.configStatus(), JSON.stringify(status));
    } catch (writeError) {
      logger.warn('config status write failed', { err: writeError });
    }
  }

  const worker = createSyncWorker({
    clock,
    logger,
    metrics,
    runSync,
    retryCapMs: config.pollIntervalMs,
    eventRetryDelaysMs: timings.eventRetryDelaysMs,
    random: options.random,
    handleEvent: async (event: SaasEvent) => {
      const summary = await applySaasEvent(
        {
          saas: saas as SaasPort,
          engine,
          logger,
          requestSync: (trigger, envIds) => worker.requestSync(trigger, envIds),
          deleteProxyKey: async () => {
            const environments = engine.environments().size;
            status = failedConfigStatus(status, clock.now(), { error: 'proxy key deleted', keyRejected: true, source });
            const result = await engine.deleteProxyKey(status);
            logger.warn('proxy key deleted', { environments });
            return result;
          },
        },
        event,
      );
      logger.debug('saas event applied', { domain: event.domain, event: event.event, identifier: event.identifier, envID: event.environment, entries: summary.entries.length });
    },
  });

  async function prepare(): Promise<void> {
    await health.begin();
    await cache.setIfAbsent(redisKeys.configStatus(), JSON.stringify(initialConfigStatus(clock.now(), source)));
    await cache.setIfAbsent(redisKeys.schemaVersion(), '1');
    status = parseConfigStatus(await cache.get(redisKeys.configStatus()));
    await engine.load();
    const foreign = await engine.foreignInventories();
    metrics.foreignInventories(foreign.valid.length);
    for (const item of foreign.valid) logger.warn('foreign inventory found', { proxyKeyHash: item.hash.slice(0, 12), updatedAt: item.updatedAt, keys: item.keys });
    for (const name of foreign.malformed) logger.warn('foreign inventory ignored', { keyHash: sha256hex(name).slice(0, 12) });
  }

  function scheduleOfflineReload(): void {
    if (config.offlineReloadIntervalMs <= 0) return;
    reloadTimer = clock.setTimeout(() => {
      void readOfflineConfig(config.configDir)
        .then((offline) => offline.hash !== offlineHash && worker.requestSync('offline'))
        .catch((error: unknown) => {
          logger.error('full sync failed', { trigger: 'offline', err: error });
        })
        .finally(() => reloadTimer?.refresh());
    }, config.offlineReloadIntervalMs);
  }

  return {
    async start() {
      await prepare();
      if (config.offline) {
        worker.requestSync('offline');
        worker.resume();
        await health.set('DISCONNECTED');
        scheduleOfflineReload();
        return;
      }
      connection = createSaasConnection({
        saas: saas as SaasPort,
        health,
        worker,
        clock,
        logger: logger.child({ component: 'saas-stream' }),
        metrics,
        pollIntervalMs: config.pollIntervalMs,
        readTimeoutMs: config.streamReadTimeoutMs,
        random: options.random,
        onConnected: (first) => {
          if (!first || leaderSyncStarted) worker.requestSync('reconnect');
        },
      });
      connection.start();
      await connection.waitConnected(timings.connectWaitMs ?? 10_000);
      leaderSyncStarted = true;
      worker.requestSync('leader');
      worker.resume();
    },
    async checkFlushed() {
      if (engine.environments().size === 0 || (await cache.exists(redisKeys.inventory(options.proxyKeyHash)))) return;
      logger.warn('cache was emptied, resyncing');
      engine.clear();
      await cache.setIfAbsent(redisKeys.schemaVersion(), '1');
      worker.requestSync('resync');
    },
    streamState: () => health.current().state,
    configStatus: () => status,
    idle: () => worker.idle(),
    async stop(graceful) {
      if (reloadTimer) clock.clearTimeout(reloadTimer);
      await connection?.stop();
      await worker.stop();
      health.stop();
      if (graceful) await health.set('DISCONNECTED');
    },
  };
}
