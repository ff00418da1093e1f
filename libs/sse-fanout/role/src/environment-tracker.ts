import { redisKeys, type ItemChangeEvent } from '@relay/redis-contract';
import type { ConfigCache } from '@relay/store';
import type { Clock, TimerHandle } from '@relay/lifecycle';
import type { Logger } from '@relay/logging';
import { readListItems, recoveryFrames, type KnownItems } from './recovery-frames';

/** Why an environment is recovered (`reason` of `ff_proxy_cache_invalidations_total`). */
export type RecoveryReason = 'gap' | 'revalidation';

/** Options of {@link createEnvironmentTracker}. */
export interface EnvironmentTrackerOptions {
  cache: ConfigCache;
  clock: Clock;
  logger: Logger;
  /** `CACHE_REVALIDATE_INTERVAL` in ms: recovery frames wait this long after detection (§7.4). */
  revalidateIntervalMs: number;
  /** Whether the environment still has open streams (state of the others is dropped). */
  hasStreams(envId: string): boolean;
  /** Writes recovery frames (no `id:` lines) to every stream of the environment. */
  broadcast(envId: string, frames: string[]): void;
  /** Counts a detected change (`ff_proxy_cache_invalidations_total{reason}`). */
  invalidated(reason: RecoveryReason): void;
}

/**
 * What sse-fanout keeps per environment with open streams (spec/redis-contract.md §7.3, §7.4): the flag
 * and segment identifiers (loaded at the first accept, then kept from entries and recoveries) and the
 * last `envVersion` seen; and the recovery that follows a gap or a revalidation hit.
 */
export interface EnvironmentTracker {
  /** Loads the environment at the first accept (shared by concurrent accepts); failures are logged. */
  ensure(envId: string): Promise<void>;
  /** A `flag`/`target-segment` entry. */
  apply(event: ItemChangeEvent): void;
  /** The last stream of the environment closed. */
  forget(envId: string): void;
  /**
   * Reads `env-<envID>-version` of every tracked environment; a value that exists and differs from the
   * recorded one schedules recovery frames one revalidation interval later (a missing key: nothing).
   */
  check(reason: RecoveryReason): Promise<void>;
  close(): void;
}

interface Tracked extends KnownItems {
  envVersion: number | undefined;
  loaded: boolean;
  loading: Promise<void> | undefined;
  /** Entries seen while the lists are read, applied again to what was read. */
  during: ItemChangeEvent[] | undefined;
  recoveryTimer: TimerHandle | undefined;
}

const parseVersion = (text: string | undefined): number | undefined => {
  const value = text === undefined ? Number.NaN : Number(text);
  return Number.isSafeInteger(value) ? value : undefined;
};

function applyTo(state: Tracked, event: ItemChangeEvent): void {
  const items = event.domain === 'flag' ? state.flags : state.segments;
  if (event.event === 'delete') items.delete(event.identifier);
  else items.set(event.identifier, event.version);
  if (event.envVersion > 0) state.envVersion = event.envVersion;
}

/** Creates an {@link EnvironmentTracker}. */
export function createEnvironmentTracker(options: EnvironmentTrackerOptions): EnvironmentTracker {
  const { cache, clock, logger } = options;
  const tracked = new Map<string, Tracked>();

  /** Re-reads version (first, as in §7.1) and lists, installs them, returns what was read. */
  async function reload(envId: string, state: Tracked): Promise<KnownItems> {
    state.during = [];
    try {
      const version = parseVersion(await cache.get(redisKeys.version(envId)));
      const [flagsText, segmentsText] = await Promise.all([
        cache.get(redisKeys.featureConfigs(envId)),
        cache.get(redisKeys.segments(envId)),
      ]);
      const flags = readListItems(flagsText, 'feature');
      const segments = readListItems(segmentsText, 'identifier');
      if (!flags || !segments) throw new Error('malformed flag or segment list');
      const during = state.during;
      Object.assign(state, { flags: new Map(flags), segments: new Map(segments), envVersion: version, loaded: true });
      for (const event of during) applyTo(state, event);
      return { flags, segments };
    } finally {
      state.during = undefined;
    }
  }

  async function ensure(envId: string): Promise<void> {
    let state = tracked.get(envId);
    if (!state) {
      state = {
        flags: new Map(),
        segments: new Map(),
        envVersion: undefined,
        loaded: false,
        loading: undefined,
        during: undefined,
        recoveryTimer: undefined,
      };
      tracked.set(envId, state);
    }
    if (state.loaded) return;
    const loading = (state.loading ??= reload(envId, state).then(
      ({ flags, segments }) =>
        logger.debug('environment loaded', { envID: envId, flags: flags.size, segments: segments.size }),
      (error: unknown) => logger.warn('environment load failed', { envID: envId, err: error }),
    ));
    await loading;
    state.loading = undefined;
  }

  async function recover(envId: string, state: Tracked): Promise<void> {
    state.recoveryTimer = undefined;
    if (tracked.get(envId) !== state) return;
    const known: KnownItems = { flags: state.flags, segments: state.segments };
    try {
      const frames = recoveryFrames(envId, known, await reload(envId, state));
      logger.debug('recovery frames written', { envID: envId, count: frames.length });
      if (frames.length > 0) options.broadcast(envId, frames);
    } catch (error) {
      logger.warn('gap recovery failed', { envID: envId, err: error });
    }
  }

  async function checkOne(envId: string, state: Tracked, reason: RecoveryReason): Promise<void> {
    if (state.recoveryTimer || state.during) return; // a load or a recovery is running or due
    if (!options.hasStreams(envId)) return forget(envId);
    if (!state.loaded) return ensure(envId);
    let current: number | undefined;
    try {
      current = parseVersion(await cache.get(redisKeys.version(envId)));
    } catch (error) {
      logger.warn('environment version read failed', { envID: envId, err: error });
      return;
    }
    if (current === undefined || current === state.envVersion || state.recoveryTimer) return;
    options.invalidated(reason);
    // One full interval later, so every sdk-gateway has dropped its stale snapshot before SDKs call back (§7.4).
    state.recoveryTimer = clock.setTimeout(() => void recover(envId, state), options.revalidateIntervalMs);
  }

  function forget(envId: string): void {
    const state = tracked.get(envId);
    if (state?.recoveryTimer) clock.clearTimeout(state.recoveryTimer);
    tracked.delete(envId);
  }

  return {
    ensure,
    apply(event) {
      const state = tracked.get(event.environment);
      if (!state) return;
      applyTo(state, event);
      state.during?.push(event);
    },
    forget,
    async check(reason) {
      await Promise.all([...tracked].map(([envId, state]) => checkOne(envId, state, reason)));
    },
    close() {
      for (const envId of [...tracked.keys()]) forget(envId);
    },
  };
}
