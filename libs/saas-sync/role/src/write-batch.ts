import {
  redisKeys,
  scanPatterns,
  serializeSseEvent,
  streamNames,
  type ConfigStatus,
  type ProxyEventName,
  type RedisKey,
  type SseEvent,
} from '@relay/redis-contract';
import type { ConfigCache, EventStream } from '@relay/store';
import { environmentKeys } from './environment-keys';
import type { EnvironmentState } from './environment-state';
import type { EnvironmentPlan, KeyOperation } from './plan-environment';
import { runBounded } from './run-bounded';

/** Everything one trigger changes (spec/redis-contract.md §5.1). */
export interface WriteBatch {
  /** Environments written, in order. */
  plans: EnvironmentPlan[];
  /** Environments removed (§5.4). */
  removals: EnvironmentState[];
  /** Environments new to the inventory: one `environmentsAdded` entry. */
  addedEnvIds: string[];
  /** Written after the data when the batch is a full sync. */
  configStatus?: ConfigStatus;
  /**
   * `proxyKeyDeleted` (§5.5): the removals are announced by one `proxyKeyDeleted` entry listing every
   * environment, and the inventory key is deleted instead of rewritten.
   */
  proxyKeyDeleted?: boolean;
}

/** What a batch needs to write. */
export interface WriteBatchContext {
  cache: ConfigCache;
  events: EventStream;
  /** `key-<proxyKeyHash>-inventory`. */
  inventoryKey: RedisKey;
  proxyKeyHash: string;
  /** Keys the stored inventory lists now. */
  storedInventory: ReadonlySet<string>;
  /** Every key the inventory must list once the batch is written. */
  nextInventory: ReadonlySet<string>;
  /** Keys other proxy keys' inventories list: never deleted (§5.6). */
  sharedKeys(): Promise<ReadonlySet<string>>;
  /** Throws when this instance no longer holds the lease (checked before writing, §6). */
  assertLeader(): void;
  now(): number;
  /** Exact MAXLEN of `proxy:sse_events`. */
  sseEventsMaxLen: number;
  /** Counts each append (`ff_proxy_primary_to_replica_sse_producer_messages_published`). */
  published(topic: string, failed: boolean): void;
}

/** What a written batch produced. */
export interface WriteBatchResult {
  /** `env-<envID>-version` after the write, per environment written. */
  envVersions: Map<string, number>;
  /** Entries appended, in order. */
  entries: SseEvent[];
}

const CONCURRENCY = 64;

async function apply(ctx: WriteBatchContext, ops: readonly KeyOperation[], shared: ReadonlySet<string> | undefined): Promise<void> {
  await runBounded(ops, CONCURRENCY, async (op) => {
    if (op.op === 'set') await ctx.cache.set(op.key, op.value);
    else if (!shared?.has(op.key)) await ctx.cache.delete(op.key);
  });
}

async function bumpVersion(ctx: WriteBatchContext, envId: string): Promise<number> {
  const key = redisKeys.version(envId);
  await ctx.cache.setIfAbsent(key, String(ctx.now()));
  return ctx.cache.increment(key);
}

async function removeEnvironment(ctx: WriteBatchContext, state: EnvironmentState, shared: ReadonlySet<string>): Promise<void> {
  const targets = await ctx.cache.scan(scanPatterns.targetConfigs(state.envId));
  const keys = [...new Set<RedisKey>([...environmentKeys(state), ...targets])];
  await apply(ctx, keys.map((key) => ({ op: 'del', key })), shared);
}

function inventoryText(ctx: WriteBatchContext, keys: Iterable<string>): string {
  return JSON.stringify({ proxyKeyHash: ctx.proxyKeyHash, updatedAt: ctx.now(), keys: [...new Set(keys)].sort() });
}

function entriesOf(batch: WriteBatch, envVersions: Map<string, number>): SseEvent[] {
  const proxy = (event: ProxyEventName, environments: string[], apiKey = ''): SseEvent => ({
    event, domain: 'proxy', identifier: '', version: 0, environment: '', environments, apiKey,
  });
  const entries: SseEvent[] = [];
  for (const plan of batch.plans) {
    for (const hash of plan.addedApiKeys) entries.push(proxy('apiKeyAdded', [plan.envId], hash));
    for (const hash of plan.removedApiKeys) entries.push(proxy('apiKeyRemoved', [plan.envId], hash));
    const envVersion = envVersions.get(plan.envId) ?? 0;
    for (const change of plan.itemChanges) entries.push({ ...change, environment: plan.envId, apiKey: '', envVersion });
  }
  if (batch.addedEnvIds.length > 0) entries.push(proxy('environmentsAdded', batch.addedEnvIds));
  const removed = batch.removals.map((state) => state.envId);
  if (batch.proxyKeyDeleted) entries.push(proxy('proxyKeyDeleted', removed));
  else if (removed.length > 0) entries.push(proxy('environmentsRemoved', removed));
  return entries;
}

/**
 * Writes a batch in the order of spec/redis-contract.md §5.1: inventory union first (only if keys are
 * added), then per environment its phases and one version increment, removals, the shrunk inventory,
 * the config status, and last the stream entries — so every key change is in Redis before the entry
 * that announces it (decision 5). A Redis error aborts the batch; re-running it converges.
 */
export async function writeBatch(batch: WriteBatch, ctx: WriteBatchContext): Promise<WriteBatchResult> {
  ctx.assertLeader();
  const { storedInventory, nextInventory } = ctx;
  const adds = [...nextInventory].some((key) => !storedInventory.has(key));
  if (adds) await ctx.cache.set(ctx.inventoryKey, inventoryText(ctx, [...storedInventory, ...nextInventory]));
  const orphans = [...storedInventory].filter((key) => !nextInventory.has(key)) as RedisKey[];
  const deletes = orphans.length > 0 || batch.removals.length > 0 || batch.plans.some((plan) => plan.phases.some((phase) => phase.some((op) => op.op === 'del')));
  const shared = deletes ? await ctx.sharedKeys() : new Set<string>();
  const envVersions = new Map<string, number>();
  for (const plan of batch.plans) {
    if (plan.phases.length === 0) continue;
    for (const phase of plan.phases) await apply(ctx, phase, shared);
    envVersions.set(plan.envId, await bumpVersion(ctx, plan.envId));
  }
  for (const state of batch.removals) await removeEnvironment(ctx, state, shared);
  // Keys the stored inventory lists that nothing owns any more (e.g. left by a crash mid-batch).
  await apply(ctx, orphans.map((key) => ({ op: 'del', key })), shared);
  if (batch.proxyKeyDeleted) await ctx.cache.delete(ctx.inventoryKey);
  else if (orphans.length > 0) await ctx.cache.set(ctx.inventoryKey, inventoryText(ctx, nextInventory));
  if (batch.configStatus) await ctx.cache.set(redisKeys.configStatus(), JSON.stringify(batch.configStatus));
  const entries = entriesOf(batch, envVersions);
  for (const entry of entries) {
    try {
      await ctx.events.append(streamNames.sseEvents, serializeSseEvent(entry), ctx.sseEventsMaxLen);
      ctx.published(streamNames.sseEvents, false);
    } catch (error) {
      ctx.published(streamNames.sseEvents, true);
      throw error;
    }
  }
  return { envVersions, entries };
}
