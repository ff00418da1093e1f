import { redisKeys, type RedisKey } from '@relay/redis-contract';
import type { EnvironmentState } from './environment-state';

/**
 * Every key one environment owns in the inventory (spec/redis-contract.md §3.10): auth keys,
 * api-configs, the flag and segment lists and items, meta, version and offline targets.
 */
export function environmentKeys(state: EnvironmentState): RedisKey[] {
  const { envId } = state;
  const keys: RedisKey[] = state.apiKeys.map((hash) => redisKeys.authKey(hash));
  if (state.apiKeys.length > 0) keys.push(redisKeys.apiConfigs(envId));
  if (state.flags.length > 0) keys.push(redisKeys.featureConfigs(envId));
  for (const flag of state.flags) keys.push(redisKeys.featureConfig(envId, flag.id));
  if (state.segments.length > 0) keys.push(redisKeys.segments(envId));
  for (const segment of state.segments) keys.push(redisKeys.segment(envId, segment.id));
  for (const target of state.targets) keys.push(redisKeys.targetConfig(envId, target.id));
  keys.push(redisKeys.meta(envId), redisKeys.version(envId));
  return keys;
}

/** The `env-<envID>-api-configs` value: auth key names, sorted, no duplicates (§3.2). */
export function apiConfigsText(apiKeys: readonly string[]): string {
  return JSON.stringify([...new Set(apiKeys.map((hash) => redisKeys.authKey(hash)))].sort());
}
