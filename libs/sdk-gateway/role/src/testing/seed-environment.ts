import type { FeatureConfig, Segment } from '@relay/flag-model';
import { redisKeys, serializeSseEvent, sha256hex, streamNames, type EnvMeta, type SseEvent } from '@relay/redis-contract';
import type { ConfigCache, EventStream } from '@relay/store';

/** What {@link seedEnvironment} writes for one environment. */
export interface EnvironmentSeed {
  flags?: readonly FeatureConfig[];
  segments?: readonly Segment[];
  /** Raw SDK keys mapped to the environment (stored hashed). */
  sdkKeys?: readonly string[];
  /** The meta object; `null` leaves the key absent. Default `{environmentID, environmentIdentifier: 'dev', accountID: 'acc-123'}`. */
  meta?: EnvMeta | null;
  /** `false` writes no version key (nothing may then be cached). Default: `INCR` the version key. */
  version?: boolean;
}

async function writeList(cache: ConfigCache, key: ReturnType<typeof redisKeys.featureConfigs>, items: readonly unknown[]) {
  // Lists are "[" + items.join(",") + "]" of the per-item values, and never stored as [] (§3.3).
  if (items.length === 0) await cache.delete(key);
  else await cache.set(key, `[${items.map((item) => JSON.stringify(item)).join(',')}]`);
}

/**
 * Writes an environment the way saas-sync does (spec/redis-contract.md §5.1): per-item keys, then the
 * lists, meta, SDK keys, then the version. Returns the new version text (or `undefined`).
 */
export async function seedEnvironment(cache: ConfigCache, envId: string, seed: EnvironmentSeed = {}): Promise<string | undefined> {
  const flags = seed.flags ?? [];
  const segments = seed.segments ?? [];
  for (const flag of flags) await cache.set(redisKeys.featureConfig(envId, flag.feature), JSON.stringify(flag));
  await writeList(cache, redisKeys.featureConfigs(envId), flags);
  for (const segment of segments) await cache.set(redisKeys.segment(envId, segment.identifier), JSON.stringify(segment));
  await writeList(cache, redisKeys.segments(envId), segments);
  const meta = seed.meta === undefined ? { environmentID: envId, environmentIdentifier: 'dev', accountID: 'acc-123' } : seed.meta;
  if (meta === null) await cache.delete(redisKeys.meta(envId));
  else await cache.set(redisKeys.meta(envId), JSON.stringify(meta));
  for (const sdkKey of seed.sdkKeys ?? []) await cache.set(redisKeys.authKey(sha256hex(sdkKey)), JSON.stringify(envId));
  if (seed.version === false) {
    await cache.delete(redisKeys.version(envId));
    return undefined;
  }
  return String(await cache.increment(redisKeys.version(envId)));
}

/** Writes `ffproxy_config_status` as after a successful full sync at `nowMs`. */
export async function markSynced(cache: ConfigCache, nowMs = Date.now()): Promise<void> {
  const status = { state: 'SYNCED', since: nowMs, lastSyncedAt: nowMs, source: 'saas', error: '' };
  await cache.set(redisKeys.configStatus(), JSON.stringify(status));
}

/** Appends a `proxy:sse_events` entry, as saas-sync does after its writes; returns the entry id. */
export function publishChange(events: EventStream, event: SseEvent): Promise<string> {
  return events.append(streamNames.sseEvents, serializeSseEvent(event), 10_000);
}

/** A `flag`/`target-segment` entry of `proxy:sse_events` for `envId`. */
export function itemChange(envId: string, domain: 'flag' | 'target-segment', identifier: string, event: 'create' | 'patch' | 'delete' = 'patch'): SseEvent {
  return { event, domain, identifier, version: 0, environment: envId, apiKey: '', envVersion: 0 };
}
