import { parseConfigStatus, redisKeys, type ConfigStatus } from '@relay/redis-contract';
import type { ConfigCache } from '@relay/store';
import type { Clock, TimerHandle } from '@relay/lifecycle';
import type { Logger } from '@relay/logging';
import type { ReplicaMetrics } from './replica-metrics';

/** The highest `ffproxy_schema_version` this code understands (spec/redis-contract.md §3.13). */
export const SUPPORTED_SCHEMA_VERSION = 1;

/** What an SDK-facing process knows of `ffproxy_config_status` and `ffproxy_schema_version`. */
export interface ConfigStatusFollower {
  /** The last status read, `undefined` when the key is absent or unreadable. */
  status(): ConfigStatus | undefined;
  /** Whether this process has ever seen `lastSyncedAt` set; sticky (§3.12, decision 4). */
  hasSynced(): boolean;
  /** False when Redis holds a schema version newer than this code supports. */
  schemaSupported(): boolean;
  /** Reads both keys now. Redis errors are logged and keep the previous knowledge. */
  refresh(): Promise<void>;
  /** Reads once, then every second until synced (the revalidation tick refreshes after that). */
  start(): Promise<void>;
  close(): void;
}

/** Options of {@link createConfigStatusFollower}. */
export interface ConfigStatusFollowerOptions {
  cache: ConfigCache;
  clock: Clock;
  logger: Logger;
  metrics: ReplicaMetrics;
  /** Poll period until the first sync is seen; default 1000 ms (§3.12). */
  unsyncedPollMs?: number;
}

/** Creates a {@link ConfigStatusFollower}. */
export function createConfigStatusFollower(options: ConfigStatusFollowerOptions): ConfigStatusFollower {
  const { cache, clock, logger, metrics } = options;
  let current: ConfigStatus | undefined;
  let synced = false;
  let schemaSupported = true;
  let timer: TimerHandle | undefined;
  let closed = false;

  async function refresh(): Promise<void> {
    try {
      const [statusText, schemaText] = await Promise.all([cache.get(redisKeys.configStatus()), cache.get(redisKeys.schemaVersion())]);
      current = parseConfigStatus(statusText);
      if (current?.lastSyncedAt != null) {
        synced = true;
        metrics.lastSynced(current.lastSyncedAt);
      }
      const schema = schemaText === undefined ? undefined : Number(schemaText);
      const supported = schema === undefined || !Number.isFinite(schema) || schema <= SUPPORTED_SCHEMA_VERSION;
      if (!supported && schemaSupported) logger.error('unsupported schema version', { schemaVersion: schema, supported: SUPPORTED_SCHEMA_VERSION });
      schemaSupported = supported;
    } catch (error) {
      logger.warn('config status read failed', { err: error });
    }
  }

  const poll = () => {
    timer = undefined;
    if (closed || synced) return;
    void refresh().then(() => {
      if (!closed && !synced) timer = clock.setTimeout(poll, options.unsyncedPollMs ?? 1000);
    });
  };

  return {
    status: () => current,
    hasSynced: () => synced,
    schemaSupported: () => schemaSupported,
    refresh,
    async start() {
      await refresh();
      if (!synced) timer = clock.setTimeout(poll, options.unsyncedPollMs ?? 1000);
    },
    close() {
      closed = true;
      if (timer) clock.clearTimeout(timer);
    },
  };
}
