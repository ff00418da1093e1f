import {
  redisKeys,
  serializeSseEvent,
  sha256hex,
  streamNames,
  type ItemChangeEvent,
  type ProxyChangeEvent,
} from '@relay/redis-contract';
import type { ConfigCache, EventStream } from '@relay/store';

/** One environment as saas-sync would have written it (spec/redis-contract.md §3); items are minimal. */
export interface TestEnvironment {
  envId: string;
  /** Raw SDK keys; stored hashed as `auth-key-<hash>`. */
  sdkKeys: readonly string[];
  flags?: readonly { feature: string; version: number }[];
  segments?: readonly { identifier: string; version: number }[];
  /** `env-<envID>-version`; not written when absent. */
  version?: number;
}

/** Writes the keys of `environment`: auth keys, flag and segment lists (omitted when empty), version. */
export async function seedEnvironment(cache: ConfigCache, environment: TestEnvironment): Promise<void> {
  const { envId } = environment;
  for (const key of environment.sdkKeys) await cache.set(redisKeys.authKey(sha256hex(key)), JSON.stringify(envId));
  const flags = environment.flags ?? [];
  const segments = environment.segments ?? [];
  if (flags.length > 0)
    await cache.set(
      redisKeys.featureConfigs(envId),
      JSON.stringify(flags.map((flag) => ({ environment: 'dev', ...flag }))),
    );
  else await cache.delete(redisKeys.featureConfigs(envId));
  if (segments.length > 0)
    await cache.set(
      redisKeys.segments(envId),
      JSON.stringify(segments.map((segment) => ({ environment: 'dev', ...segment }))),
    );
  else await cache.delete(redisKeys.segments(envId));
  if (environment.version !== undefined) await cache.set(redisKeys.version(envId), String(environment.version));
}

/** Writes `ffproxy_config_status` as after a successful full sync at `at` (ms). */
export async function markSynced(cache: ConfigCache, at = 1_700_000_000_000): Promise<void> {
  await cache.set(
    redisKeys.configStatus(),
    JSON.stringify({ state: 'SYNCED', since: at, lastSyncedAt: at, source: 'saas', error: '' }),
  );
}

/** Appends a `flag`/`target-segment` entry to `proxy:sse_events`; returns its id. */
export function publishItemChange(
  events: EventStream,
  change: Omit<ItemChangeEvent, 'apiKey'>,
  maxLen = 10_000,
): Promise<string> {
  return events.append(streamNames.sseEvents, serializeSseEvent({ ...change, apiKey: '' }), maxLen);
}

/** Appends a `proxy` entry to `proxy:sse_events`; returns its id. */
export function publishProxyChange(
  events: EventStream,
  change: Pick<ProxyChangeEvent, 'event' | 'environments'> & { apiKey?: string },
  maxLen = 10_000,
): Promise<string> {
  const event: ProxyChangeEvent = {
    domain: 'proxy',
    identifier: '',
    version: 0,
    environment: '',
    apiKey: '',
    ...change,
  };
  return events.append(streamNames.sseEvents, serializeSseEvent(event), maxLen);
}
