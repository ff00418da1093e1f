import { parseInventory, redisKeys, scanPatterns, type ConfigStatus, type SseEvent } from '@relay/redis-contract';
import type { ConfigCache, EventStream } from '@relay/store';
import { environmentKeys } from './environment-keys';
import type { EnvironmentState } from './environment-state';
import { loadMirror } from './load-mirror';
import { planEnvironment } from './plan-environment';
import { writeBatch, type WriteBatch } from './write-batch';

/** What a written batch changed. */
export interface BatchSummary {
  /** Environments whose keys changed. */
  changedEnvironments: number;
  /** Entries appended to `proxy:sse_events`. */
  entries: SseEvent[];
}

/** Options of {@link createSyncEngine}. */
export interface SyncEngineOptions {
  cache: ConfigCache;
  events: EventStream;
  proxyKeyHash: string;
  sseEventsMaxLen: number;
  now(): number;
  assertLeader(): void;
  published(topic: string, failed: boolean): void;
}

/**
 * The mirror of what this proxy key owns and the only writer of configuration keys: every sync, event
 * and removal becomes a desired state, diffed against the mirror and written as one batch
 * (spec/redis-contract.md §5). The mirror changes only after a batch was completely written, so a
 * failed batch is simply computed and written again.
 */
export interface SyncEngine {
  /** Loads the mirror from Redis (leader start). */
  load(): Promise<void>;
  /** Forgets the mirror (Redis was flushed); the next sync rewrites everything. */
  clear(): void;
  environments(): ReadonlyMap<string, EnvironmentState>;
  /** Applies a full desired state; environments outside `restrictTo` (when given) are left alone, else removed. */
  sync(desired: readonly EnvironmentState[], options?: { restrictTo?: ReadonlySet<string>; configStatus?: ConfigStatus }): Promise<BatchSummary>;
  /** Applies new desired states of some known environments (event handling). */
  update(desired: readonly EnvironmentState[]): Promise<BatchSummary>;
  /** Removes environments (§5.4). */
  remove(envIds: readonly string[]): Promise<BatchSummary>;
  /** Clears every asset of the proxy key (§5.5). */
  deleteProxyKey(configStatus: ConfigStatus): Promise<BatchSummary>;
  /** Keys listed by other proxy keys' inventories, and the malformed inventories found (for logging). */
  foreignInventories(): Promise<{ shared: Set<string>; valid: { name: string; hash: string; updatedAt: number; keys: number }[]; malformed: string[] }>;
}

/** Creates a {@link SyncEngine}. */
export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const { cache } = options;
  const inventoryKey = redisKeys.inventory(options.proxyKeyHash);
  let mirror = new Map<string, EnvironmentState>();
  let storedInventory = new Set<string>();

  async function foreignInventories() {
    const names = (await cache.scan(scanPatterns.inventories())).filter((name) => name !== inventoryKey);
    const shared = new Set<string>();
    const valid: { name: string; hash: string; updatedAt: number; keys: number }[] = [];
    const malformed: string[] = [];
    for (const name of names) {
      const inventory = parseInventory(await cache.get(name));
      if (!inventory) {
        malformed.push(name);
        continue;
      }
      for (const key of inventory.keys) shared.add(key);
      valid.push({ name, hash: inventory.proxyKeyHash, updatedAt: inventory.updatedAt, keys: inventory.keys.length });
    }
    return { shared, valid, malformed };
  }

  async function write(batch: WriteBatch, next: Map<string, EnvironmentState>): Promise<BatchSummary> {
    const nextInventory = new Set<string>();
    for (const state of next.values()) for (const key of environmentKeys(state)) nextInventory.add(key);
    const result = await writeBatch(batch, {
      cache,
      events: options.events,
      inventoryKey,
      proxyKeyHash: options.proxyKeyHash,
      storedInventory,
      nextInventory,
      sharedKeys: async () => (await foreignInventories()).shared,
      assertLeader: options.assertLeader,
      now: options.now,
      sseEventsMaxLen: options.sseEventsMaxLen,
      published: options.published,
    });
    mirror = next;
    storedInventory = batch.proxyKeyDeleted ? new Set() : nextInventory;
    return { changedEnvironments: result.envVersions.size + batch.removals.length, entries: result.entries };
  }

  function planAll(desired: readonly EnvironmentState[], removals: EnvironmentState[], extra: Partial<WriteBatch> = {}) {
    const next = new Map(mirror);
    const plans = desired.map((state) => planEnvironment(mirror.get(state.envId), state));
    for (const plan of plans) next.set(plan.envId, plan.next);
    for (const state of removals) next.delete(state.envId);
    const addedEnvIds = desired.filter((state) => !mirror.has(state.envId)).map((state) => state.envId);
    return write({ plans, removals, addedEnvIds, ...extra }, next);
  }

  return {
    async load() {
      ({ environments: mirror, inventory: storedInventory } = await loadMirror(cache, inventoryKey));
    },
    clear() {
      mirror = new Map();
      storedInventory = new Set();
    },
    environments: () => mirror,
    sync(desired, { restrictTo, configStatus } = {}) {
      const wanted = new Set(desired.map((state) => state.envId));
      const removals = restrictTo
        ? [...restrictTo].filter((envId) => !wanted.has(envId)).flatMap((envId) => mirror.get(envId) ?? [])
        : [...mirror.values()].filter((state) => !wanted.has(state.envId));
      return planAll(desired, removals, { configStatus });
    },
    update: (desired) => planAll(desired.filter((state) => mirror.has(state.envId)), []),
    remove: (envIds) => planAll([], envIds.flatMap((envId) => mirror.get(envId) ?? [])),
    deleteProxyKey: (configStatus) => planAll([], [...mirror.values()], { configStatus, proxyKeyDeleted: true }),
    foreignInventories,
  };
}
