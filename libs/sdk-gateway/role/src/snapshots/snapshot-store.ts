import { redisKeys } from '@relay/redis-contract';
import type { ConfigCache } from '@relay/store';
import type { GatewayMetrics } from '../gateway-metrics';
import { readEnvironment } from './direct-reads';
import type { EnvironmentSnapshot } from './environment-snapshot';

/**
 * How fresh an answer must be (spec/redis-contract.md §7.1): `poll` for the list endpoints SDKs poll
 * (a held snapshot is served without Redis; the matching `proxy:sse_events` entry drops it), `callback`
 * for the endpoints SDKs call right after a frame (one `GET env-<envID>-version` first, so the answer is
 * never older than the event that triggered the call).
 */
export type Freshness = 'poll' | 'callback';

/** The two ways to answer one request: from a snapshot, or from the documented keys. */
export interface ReadPaths<R> {
  snapshot(snapshot: EnvironmentSnapshot): R;
  direct(): Promise<R>;
}

/** Reasons of `ff_proxy_cache_invalidations_total`. */
export type InvalidationReason = 'event' | 'revalidation' | 'gap';

/** The per-environment snapshots of one gateway. */
export interface SnapshotStore {
  /** Answers through a snapshot when the freshness rule allows it, else through `paths.direct`. */
  read<R>(envId: string, freshness: Freshness, paths: ReadPaths<R>): Promise<R>;
  /** Drops the snapshots of these environments and bumps their generations. */
  invalidate(envIds: readonly string[]): void;
  /** Drops every snapshot (a gap in `proxy:sse_events`, §7.4). */
  invalidateAll(): void;
  /** Drops every held snapshot whose version key now differs or is missing (§7.3). */
  revalidate(): Promise<void>;
  /** Number of environments held. */
  size(): number;
}

/** Dependencies of {@link createSnapshotStore}. */
export interface SnapshotStoreDeps {
  cache: ConfigCache;
  /** Whether the `proxy:sse_events` reader is healthy; while it is not, no snapshot answers (§7.1). */
  feedHealthy(): boolean;
  /** Env `AND_RULES`. */
  andRules: boolean;
  metrics: GatewayMetrics;
  /** Counts `ff_proxy_cache_invalidations_total{reason}`. */
  invalidated(reason: InvalidationReason): void;
}

/**
 * Creates the {@link SnapshotStore}. A snapshot is built on the first request that needs it (version,
 * then both lists and meta) and installed only if no invalidation of its environment happened while it
 * loaded (the generation guard); otherwise it answers the requests that waited for it and is dropped.
 * When Redis fails and a snapshot is held, the held snapshot answers (nothing can change while Redis is
 * down); without one the error propagates (500).
 */
export function createSnapshotStore(deps: SnapshotStoreDeps): SnapshotStore {
  const { cache, metrics } = deps;
  const held = new Map<string, EnvironmentSnapshot>();
  const generations = new Map<string, number>();
  const loading = new Map<string, { key: string; promise: Promise<EnvironmentSnapshot> }>();
  let epoch = 0;
  const generationOf = (envId: string) => `${epoch}.${generations.get(envId) ?? 0}`;
  const bump = (envId: string) => generations.set(envId, (generations.get(envId) ?? 0) + 1);

  function serve<R>(snapshot: EnvironmentSnapshot, paths: ReadPaths<R>): R {
    const before = snapshot.derivedBuilds();
    const result = paths.snapshot(snapshot);
    if (snapshot.derivedBuilds() > before) metrics.memoizeHitWithUnmarshal();
    else metrics.memoizeHit();
    return result;
  }

  async function direct<R>(paths: ReadPaths<R>, fallback: EnvironmentSnapshot | undefined): Promise<R> {
    metrics.memoizeMiss();
    try {
      return await paths.direct();
    } catch (error) {
      if (fallback) return serve(fallback, paths);
      throw error;
    }
  }

  function load(envId: string, version: string): Promise<EnvironmentSnapshot> {
    const generation = generationOf(envId);
    const key = `${generation}|${version}`;
    const running = loading.get(envId);
    if (running?.key === key) return running.promise;
    const promise = readEnvironment(cache, envId, { version, andRules: deps.andRules, onDerivedBuilt: metrics.memoizeWriteMarshal })
      .then((snapshot) => {
        if (generationOf(envId) === generation && deps.feedHealthy()) {
          held.set(envId, snapshot);
          metrics.memoizeWriteMarshal();
        }
        return snapshot;
      })
      .finally(() => {
        if (loading.get(envId)?.promise === promise) loading.delete(envId);
      });
    loading.set(envId, { key, promise });
    return promise;
  }

  async function read<R>(envId: string, freshness: Freshness, paths: ReadPaths<R>): Promise<R> {
    const current = held.get(envId);
    if (!deps.feedHealthy()) return direct(paths, current);
    if (freshness === 'poll' && current) return serve(current, paths);
    let version: string | undefined;
    try {
      version = await cache.get(redisKeys.version(envId));
    } catch (error) {
      if (current) return serve(current, paths);
      throw error;
    }
    if (version === undefined) {
      // No version key means "unknown": nothing may be cached (§3.8), answer from the keys.
      drop(envId);
      return direct(paths, undefined);
    }
    if (current?.version === version) return serve(current, paths);
    let snapshot: EnvironmentSnapshot;
    try {
      snapshot = await load(envId, version);
    } catch (error) {
      if (current) return serve(current, paths);
      throw error;
    }
    metrics.memoizeMiss();
    return paths.snapshot(snapshot);
  }

  function drop(envId: string): boolean {
    // Only a load in flight can be affected by a bump; skipping the others keeps the map bounded by the
    // environments actually held or loading (with BYPASS_AUTH any path value reaches this point).
    if (held.has(envId) || loading.has(envId)) bump(envId);
    return held.delete(envId);
  }

  async function revalidateOne(envId: string, snapshot: EnvironmentSnapshot): Promise<void> {
    let version: string | undefined;
    try {
      version = await cache.get(redisKeys.version(envId));
    } catch {
      return; // Redis is down: nothing can change, keep serving (§7.1).
    }
    if (version !== snapshot.version && held.get(envId) === snapshot) {
      drop(envId);
      deps.invalidated('revalidation');
    }
  }

  return {
    read,
    invalidate(envIds) {
      for (const envId of envIds) if (drop(envId)) deps.invalidated('event');
    },
    invalidateAll() {
      epoch += 1;
      held.clear();
      deps.invalidated('gap');
    },
    revalidate: () => Promise.all([...held].map(([envId, snapshot]) => revalidateOne(envId, snapshot))).then(() => undefined),
    size: () => held.size,
  };
}
