import type { FeatureConfig, ProxyEnvironment, Segment } from '@relay/flag-model';
import { computeMeta, toStoredItem, type EnvironmentState, type StoredItem } from './environment-state';

const parsed = (item: StoredItem | undefined): unknown => (item === undefined ? undefined : JSON.parse(item.json));

/** Stored items of normalised flags. */
export const flagItems = (flags: readonly FeatureConfig[]): StoredItem[] => flags.map((flag) => toStoredItem(flag.feature, flag));

/** Stored items of normalised segments. */
export const segmentItems = (segments: readonly Segment[]): StoredItem[] => segments.map((segment) => toStoredItem(segment.identifier, segment));

/** The desired state of one environment from normalised SaaS (or offline) data. */
export function environmentFromConfig(env: ProxyEnvironment, accountId: string | undefined, targets: StoredItem[] = []): EnvironmentState {
  return {
    envId: env.id,
    apiKeys: [...new Set(env.apiKeys)].sort(),
    flags: flagItems(env.featureConfigs),
    segments: segmentItems(env.segments),
    meta: computeMeta(env.id, env.featureConfigs[0], env.segments[0], accountId),
    targets,
  };
}

/** `state` with other flags and/or segments, its meta recomputed (spec/redis-contract.md §3.7). */
export function withItems(
  state: EnvironmentState,
  change: { flags?: StoredItem[]; segments?: StoredItem[] },
  accountId: string | undefined,
): EnvironmentState {
  const flags = change.flags ?? state.flags;
  const segments = change.segments ?? state.segments;
  return { ...state, flags, segments, meta: computeMeta(state.envId, parsed(flags[0]), parsed(segments[0]), accountId ?? state.meta.accountID) };
}
