import { Router } from 'express';
import { systemClock, type Clock, type ServiceRole } from '@relay/lifecycle';
import type { FastPath } from '@relay/http';
import type { Logger } from '@relay/logging';
import type { Registry } from '@relay/metrics';
import { createHealthRouter, type ReplicaState } from '@relay/replica';
import type { ConfigCache, EventStream } from '@relay/store';
import type { StreamEndpoint } from './authorize-stream';
import { createConnectionHub } from './connection-hub';
import { createEnvironmentTracker } from './environment-tracker';
import { createFanoutFeed } from './fanout-feed';
import { createFanoutMetrics } from './fanout-metrics';
import type { SseFanoutConfig } from './read-sse-fanout-config';
import { spreadEnds } from './spread-ends';
import { createStreamAcceptor } from './stream-acceptor';
import { createStreamFastPath } from './stream-fast-path';
import { createStreamRouter } from './stream-router';

/** Fixed values of spec/sdk-api.md §8, as options so tests can shrink them (spec/redis-contract.md §1.11). */
export interface SseFanoutTimings {
  /** No event frame within this many ms after a comment (§8.4 rule 3). Default 250. */
  commentGuardMs?: number;
  /** Slow-consumer limit of `res.writableLength`, in bytes (§8.4 rule 6). Default 1 048 576. */
  maxBufferedBytes?: number;
  /** Entries per `XRANGE` of the `Last-Event-ID` replay (§8.7). Default 1000. */
  replayPageSize?: number;
  /** Upper bound of the shutdown spread, in ms (§8.5). Default 5000. */
  shutdownSpreadMaxMs?: number;
}

/** Dependencies of {@link createSseFanout}. The replica state is created (and started) by the composition root. */
export interface SseFanoutDeps {
  config: SseFanoutConfig;
  /** Shared with sdk-gateway in the all-in-one process; never created here. */
  replica: ReplicaState;
  cache: ConfigCache;
  events: EventStream;
  /** Default: the system clock. */
  clock?: Clock;
  logger: Logger;
  registry: Registry;
  /** `SHUTDOWN_TIMEOUT` in ms: streams end spread over `min(5 s, shutdownTimeoutMs / 2)`. Default 10 000. */
  shutdownTimeoutMs?: number;
  timings?: SseFanoutTimings;
}

/** The sse-fanout role: `/stream` and `/health`, plus what tests and the e2e suites look at. */
export interface SseFanout extends ServiceRole {
  readonly router: Router;
  /**
   * `GET /stream` without express, for `serveRoles`/`listen` (`fastPath`): same answers as the router,
   * less memory per open stream. Without it the router serves `/stream` alone.
   */
  readonly fastPath: FastPath;
  /** Open SDK streams of `envId`, or of every environment (the "stream registered" hook). */
  connectionCount(envId?: string): number;
}

/**
 * Creates sse-fanout (spec/sdk-api.md §8): authorises `/stream`, holds the SDK streams per environment,
 * relays `proxy:sse_events` as SSE frames written with `res.write` (docs/adr/0006-sse-frames.md), ends
 * streams on the `proxy` entries, replays missed entries for `Last-Event-ID`, recovers after gaps and
 * revalidation hits, and ends every stream gradually on shutdown.
 */
export function createSseFanout(deps: SseFanoutDeps): SseFanout {
  const { config, replica, events, registry } = deps;
  const clock = deps.clock ?? systemClock;
  const logger = deps.logger.child({ component: 'fanout' });
  const timings = deps.timings ?? {};
  const metrics = createFanoutMetrics(registry);
  const hub = createConnectionHub(metrics);
  const tracker = createEnvironmentTracker({
    cache: deps.cache,
    clock,
    logger,
    revalidateIntervalMs: config.revalidateIntervalMs,
    hasStreams: (envId) => hub.count(envId) > 0,
    broadcast: (envId, frames) => {
      hub.broadcast(envId, Buffer.from(frames.join('')));
      metrics.published(envId, frames.length);
    },
    invalidated: (reason) => replica.metrics.invalidated(reason),
  });
  const feed = createFanoutFeed({
    hub,
    tracker,
    metrics,
    clock,
    eventDelayMs: config.eventDelayMs,
    onGap: () => void tracker.check('gap'),
  });
  const unsubscribers: (() => void)[] = [];
  let closing: Promise<void> | undefined;

  const accept = createStreamAcceptor({
    hub,
    tracker,
    metrics,
    events,
    clock,
    logger,
    keepAliveIntervalMs: config.keepAliveIntervalMs,
    commentGuardMs: timings.commentGuardMs ?? 250,
    maxBufferedBytes: timings.maxBufferedBytes ?? 1_048_576,
    replayPageSize: timings.replayPageSize ?? 1000,
    isClosing: () => closing !== undefined,
  });
  const endpoint: StreamEndpoint = {
    replica,
    bypassAuth: config.bypassAuth,
    isClosing: () => closing !== undefined,
    accept,
  };
  const router = Router();
  router.use(createHealthRouter(replica));
  router.use(createStreamRouter(endpoint));
  const fastPath = createStreamFastPath({ endpoint, registry, logger: deps.logger.child({ component: 'http' }) });

  const prepareClose = (): void => {
    const spreadMs = Math.min(timings.shutdownSpreadMaxMs ?? 5000, (deps.shutdownTimeoutMs ?? 10_000) / 2);
    closing ??= spreadEnds(hub.all(), spreadMs, clock);
  };

  return {
    name: 'sse-fanout',
    router,
    fastPath,
    connectionCount: (envId) => hub.count(envId),
    async start() {
      unsubscribers.push(replica.changeFeed.subscribe(feed));
      unsubscribers.push(replica.onRevalidate(() => tracker.check('revalidation')));
    },
    notReadyReasons: () => replica.notReadyReasons(),
    heartbeatFields: () => ({
      connections: hub.count(),
      streamState: replica.streamHealth.state().state,
      cacheStatus: replica.storeHealthy() ? 'healthy' : 'unhealthy',
    }),
    prepareClose,
    async close() {
      prepareClose();
      await closing;
      for (const unsubscribe of unsubscribers.splice(0)) unsubscribe();
      feed.close();
      tracker.close();
    },
  };
}
