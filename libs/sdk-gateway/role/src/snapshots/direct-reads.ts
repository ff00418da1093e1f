import { parseEnvMeta, redisKeys, type EnvMeta } from '@relay/redis-contract';
import type { ConfigCache } from '@relay/store';
import { createEnvironmentSnapshot, type EnvironmentSnapshot } from './environment-snapshot';
import { parseStoredJson, parseStoredList } from './parse-stored-list';
import { segmentsBodyOf, stripSegment, type SegmentVariant } from './segment-variant';

/**
 * The slow path (spec/redis-contract.md §7.1): each answer straight from the documented key, serialised.
 * Used when an environment has no version key (nothing may be cached), while the change feed is
 * unhealthy, and by tests as the reference every snapshot answer must equal byte for byte.
 */
export interface DirectReads {
  /** `env-<envID>-feature-configs` as stored, or `[]` (spec/sdk-api.md §6.1). */
  featureConfigs(envId: string): Promise<string>;
  /** `env-<envID>-feature-configs-<identifier>` as stored; `undefined` when missing. */
  featureConfig(envId: string, identifier: string): Promise<string | undefined>;
  /** `env-<envID>-segments` without the property `variant` drops (§6.3). */
  segments(envId: string, variant: SegmentVariant): Promise<string>;
  /** `env-<envID>-segments-<identifier>` without the property `variant` drops; `undefined` when missing. */
  segment(envId: string, identifier: string, variant: SegmentVariant): Promise<string | undefined>;
  /** `env-<envID>-meta`. */
  meta(envId: string): Promise<EnvMeta | undefined>;
  /** Both lists and the meta, read now, in a snapshot that is used once and never held. */
  environment(envId: string): Promise<EnvironmentSnapshot>;
}

/** Reads the two lists and the meta of an environment (after its version, when there is one). */
export async function readEnvironment(
  cache: ConfigCache,
  envId: string,
  options: { version: string | undefined; andRules: boolean; onDerivedBuilt?: () => void },
): Promise<EnvironmentSnapshot> {
  const flagsKey = redisKeys.featureConfigs(envId);
  const segmentsKey = redisKeys.segments(envId);
  const [featureConfigsText, segmentsText, metaText] = await Promise.all([
    cache.get(flagsKey),
    cache.get(segmentsKey),
    cache.get(redisKeys.meta(envId)),
  ]);
  const source = {
    version: options.version,
    featureConfigsText,
    flags: parseStoredList(featureConfigsText, flagsKey),
    segments: parseStoredList(segmentsText, segmentsKey),
    meta: parseEnvMeta(metaText),
    andRules: options.andRules,
  };
  return createEnvironmentSnapshot(source, options.onDerivedBuilt);
}

/** Creates the {@link DirectReads} over `cache`; `andRules` is env `AND_RULES`. */
export function createDirectReads(cache: ConfigCache, andRules: boolean): DirectReads {
  return {
    featureConfigs: async (envId) => (await cache.get(redisKeys.featureConfigs(envId))) ?? '[]',
    featureConfig: (envId, identifier) => cache.get(redisKeys.featureConfig(envId, identifier)),
    async segments(envId, variant) {
      const key = redisKeys.segments(envId);
      return segmentsBodyOf(parseStoredList(await cache.get(key), key), variant);
    },
    async segment(envId, identifier, variant) {
      const key = redisKeys.segment(envId, identifier);
      const text = await cache.get(key);
      return text === undefined ? undefined : JSON.stringify(stripSegment(parseStoredJson(text, key), variant));
    },
    meta: async (envId) => parseEnvMeta(await cache.get(redisKeys.meta(envId))),
    environment: (envId) => readEnvironment(cache, envId, { version: undefined, andRules }),
  };
}
