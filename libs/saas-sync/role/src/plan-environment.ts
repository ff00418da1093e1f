import { redisKeys, type RedisKey } from '@relay/redis-contract';
import { apiConfigsText } from './environment-keys';
import { itemChanged, listText, type EnvironmentState, type StoredItem } from './environment-state';

/** One single-key write. */
export type KeyOperation = { op: 'set'; key: RedisKey; value: string } | { op: 'del'; key: RedisKey };

/** An item change to announce on `proxy:sse_events` once written. */
export interface ItemChange {
  event: 'create' | 'patch' | 'delete';
  domain: 'flag' | 'target-segment';
  identifier: string;
  version: number;
}

/** What one environment's part of a write batch does (spec/redis-contract.md §5.1 steps 1–5). */
export interface EnvironmentPlan {
  envId: string;
  /** The state once written: what the mirror becomes. Unchanged items keep their stored bytes. */
  next: EnvironmentState;
  /** Steps 1–5, in order; the operations of one phase are independent and may run concurrently. */
  phases: KeyOperation[][];
  /** Item entries in list order (creates and patches, then deletes); none for a new environment. */
  itemChanges: ItemChange[];
  addedApiKeys: string[];
  removedApiKeys: string[];
}

interface ItemDiff {
  items: StoredItem[];
  writes: StoredItem[];
  removed: StoredItem[];
  changes: ItemChange[];
}

function diffItems(before: readonly StoredItem[], desired: readonly StoredItem[], domain: ItemChange['domain']): ItemDiff {
  const old = new Map(before.map((item) => [item.id, item]));
  const seen = new Set<string>();
  const result: ItemDiff = { items: [], writes: [], removed: [], changes: [] };
  for (const item of desired) {
    if (seen.has(item.id)) continue; // a duplicated identifier: the first one wins
    seen.add(item.id);
    const previous = old.get(item.id);
    if (previous && !itemChanged(previous, item)) {
      result.items.push(previous);
      continue;
    }
    result.items.push(item);
    result.writes.push(item);
    result.changes.push({ event: previous ? 'patch' : 'create', domain, identifier: item.id, version: item.version ?? 0 });
  }
  for (const item of before) {
    if (seen.has(item.id)) continue;
    result.removed.push(item);
    result.changes.push({ event: 'delete', domain, identifier: item.id, version: item.version ?? 0 });
  }
  return result;
}

const set = (key: RedisKey, value: string): KeyOperation => ({ op: 'set', key, value });
const del = (key: RedisKey): KeyOperation => ({ op: 'del', key });

function listPhase(key: RedisKey, before: readonly StoredItem[], after: readonly StoredItem[]): KeyOperation[] {
  if (after.length === 0) return before.length > 0 ? [del(key)] : [];
  const text = listText(after);
  return before.length > 0 && listText(before) === text ? [] : [set(key, text)];
}

/**
 * Plans the writes that turn `before` (the mirror, `undefined` for a new environment) into `desired`:
 * only new or changed items are written, removed ones deleted, lists rewritten when their bytes change.
 */
export function planEnvironment(before: EnvironmentState | undefined, desired: EnvironmentState): EnvironmentPlan {
  const { envId } = desired;
  const flags = diffItems(before?.flags ?? [], desired.flags, 'flag');
  const segments = diffItems(before?.segments ?? [], desired.segments, 'target-segment');
  const targets = diffItems(before?.targets ?? [], desired.targets, 'flag');
  const oldKeys = new Set(before?.apiKeys ?? []);
  const apiKeys = [...new Set(desired.apiKeys)].sort();
  const added = apiKeys.filter((hash) => !oldKeys.has(hash));
  const removed = [...oldKeys].filter((hash) => !apiKeys.includes(hash));
  const next: EnvironmentState = { envId, apiKeys, flags: flags.items, segments: segments.items, meta: desired.meta, targets: targets.items };

  const keyPhase = added.map((hash) => set(redisKeys.authKey(hash), JSON.stringify(envId)));
  if (apiKeys.length > 0 && (added.length > 0 || removed.length > 0)) keyPhase.push(set(redisKeys.apiConfigs(envId), apiConfigsText(apiKeys)));
  const deletes = [
    ...flags.removed.map((item) => del(redisKeys.featureConfig(envId, item.id))),
    ...segments.removed.map((item) => del(redisKeys.segment(envId, item.id))),
    ...targets.removed.map((item) => del(redisKeys.targetConfig(envId, item.id))),
    ...removed.map((hash) => del(redisKeys.authKey(hash))),
    ...(apiKeys.length === 0 && oldKeys.size > 0 ? [del(redisKeys.apiConfigs(envId))] : []),
  ];
  const metaChanged = !before || JSON.stringify(before.meta) !== JSON.stringify(desired.meta);
  const phases = [
    keyPhase,
    flags.writes.map((item) => set(redisKeys.featureConfig(envId, item.id), item.json)),
    listPhase(redisKeys.featureConfigs(envId), before?.flags ?? [], flags.items),
    [
      ...segments.writes.map((item) => set(redisKeys.segment(envId, item.id), item.json)),
      ...targets.writes.map((item) => set(redisKeys.targetConfig(envId, item.id), item.json)),
    ],
    listPhase(redisKeys.segments(envId), before?.segments ?? [], segments.items),
    deletes,
    metaChanged ? [set(redisKeys.meta(envId), JSON.stringify(desired.meta))] : [],
  ].filter((phase) => phase.length > 0);
  const order = (changes: ItemChange[]) => [...changes.filter((c) => c.event !== 'delete'), ...changes.filter((c) => c.event === 'delete')];
  return {
    envId,
    next,
    phases,
    itemChanges: before ? [...order(flags.changes), ...order(segments.changes)] : [],
    addedApiKeys: before ? added : [],
    removedApiKeys: before ? removed : [],
  };
}
