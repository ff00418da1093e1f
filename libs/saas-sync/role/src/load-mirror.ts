import { parseEnvMeta, parseInventory, redisKeys, sdkKeyHashOf, type RedisKey } from '@relay/redis-contract';
import type { ConfigCache } from '@relay/store';
import { toStoredItem, type EnvironmentState, type StoredItem } from './environment-state';

/** What saas-sync owns, as loaded at leader start (spec/redis-contract.md §5.2). */
export interface Mirror {
  environments: Map<string, EnvironmentState>;
  /** The keys the stored inventory lists. */
  inventory: Set<string>;
}

const VERSION_KEY = /^env-(.+)-version$/;

function parseArray(text: string | undefined): unknown[] {
  if (text === undefined) return [];
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value : [];
  } catch {
    return [];
  }
}

function items(text: string | undefined, idField: 'feature' | 'identifier'): StoredItem[] {
  return parseArray(text).flatMap((item) => {
    const id = item !== null && typeof item === 'object' ? (item as Record<string, unknown>)[idField] : undefined;
    return typeof id === 'string' && id !== '' ? [toStoredItem(id, item)] : [];
  });
}

async function loadEnvironment(cache: ConfigCache, envId: string, inventory: Set<string>): Promise<EnvironmentState> {
  const [apiConfigs, flags, segments, meta] = await Promise.all([
    cache.get(redisKeys.apiConfigs(envId)),
    cache.get(redisKeys.featureConfigs(envId)),
    cache.get(redisKeys.segments(envId)),
    cache.get(redisKeys.meta(envId)),
  ]);
  const targetPrefix = `env-${envId}-target-config-`;
  const targets = await Promise.all(
    [...inventory]
      .filter((key) => key.startsWith(targetPrefix))
      .map(async (key) => {
        const json = await cache.get(key as RedisKey);
        return json === undefined ? [] : [{ ...toStoredItem(key.slice(targetPrefix.length), JSON.parse(json)), json }];
      }),
  );
  return {
    envId,
    apiKeys: parseArray(apiConfigs).flatMap((name) => (typeof name === 'string' && sdkKeyHashOf(name) ? [sdkKeyHashOf(name) as string] : [])).sort(),
    flags: items(flags, 'feature'),
    segments: items(segments, 'identifier'),
    meta: parseEnvMeta(meta) ?? { environmentID: envId },
    targets: targets.flat(),
  };
}

/**
 * Loads the mirror: the inventory, then api-configs, flag and segment lists, meta and offline targets
 * of every environment it names (an environment is named by its `env-<envID>-version` key).
 */
export async function loadMirror(cache: ConfigCache, inventoryKey: RedisKey): Promise<Mirror> {
  const inventory = new Set(parseInventory(await cache.get(inventoryKey))?.keys ?? []);
  const envIds = [...inventory].flatMap((key) => VERSION_KEY.exec(key)?.[1] ?? []);
  const environments = new Map<string, EnvironmentState>();
  for (const state of await Promise.all(envIds.map((envId) => loadEnvironment(cache, envId, inventory)))) {
    environments.set(state.envId, state);
  }
  return { environments, inventory };
}
