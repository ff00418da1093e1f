import type { Router } from 'express';
import { createEvaluator } from '@relay/flag-evaluator';
import { createHttpMetrics, type FastPath } from '@relay/http';
import { systemClock, type Clock, type ServiceRole } from '@relay/lifecycle';
import type { Logger } from '@relay/logging';
import type { Registry } from '@relay/metrics';
import type { SseEvent } from '@relay/redis-contract';
import type { ReplicaState } from '@relay/replica';
import type { ConfigCache, EventStream } from '@relay/store';
import { createAuthRoute } from './auth/auth-route';
import { createTargetForwarder } from './auth/target-forwarder';
import { createBackgroundTasks } from './background-tasks';
import { createGatewayRouter } from './create-gateway-router';
import type { GatewayContext } from './gateway-context';
import { createGatewayMetrics } from './gateway-metrics';
import type { SdkGatewayConfig } from './read-sdk-gateway-config';
import { createConfigRoutes } from './routes/config-routes';
import { createEvaluationRoutes } from './routes/evaluation-routes';
import { createFastPath } from './routes/fast-path';
import { createMetricsRoute } from './routes/metrics-route';
import type { SdkTokenIssuer } from './sdk-token-issuer';
import { createDirectReads } from './snapshots/direct-reads';
import { createSnapshotStore, type SnapshotStore } from './snapshots/snapshot-store';

/** What {@link createSdkGateway} needs. */
export interface SdkGatewayDeps {
  config: SdkGatewayConfig;
  /** The replica state of the process (shared with sse-fanout in the all-in-one); started by the caller. */
  replica: ReplicaState;
  cache: ConfigCache;
  events: EventStream;
  /** Signs the tokens `/client/auth` issues (`createSdkTokens` of `@relay/sdk-auth`). */
  tokens: SdkTokenIssuer;
  logger: Logger;
  registry: Registry;
  /** Default: the system clock. */
  clock?: Clock;
}

/** sdk-gateway as a service role. */
export interface SdkGateway extends ServiceRole {
  readonly router: Router;
  /** Plain `node:http` handler of the snapshot-served GET routes, tried before express (byte-identical answers). */
  readonly fastPath: FastPath;
  /** Resolves once the work started after responses (target writes, forwarding) has finished. */
  settled(): Promise<void>;
  /** Number of environment snapshots held. */
  snapshotCount(): number;
}

/** What a `proxy:sse_events` entry drops (spec/redis-contract.md §4.2 catalogue). */
function environmentsChangedBy(event: SseEvent): readonly string[] {
  if (event.domain !== 'proxy') return [event.environment];
  return event.event === 'apiKeyAdded' || event.event === 'apiKeyRemoved' ? [] : event.environments;
}

function followChanges(replica: ReplicaState, snapshots: SnapshotStore): () => void {
  const unsubscribe = replica.changeFeed.subscribe({
    onEvent: (event) => snapshots.invalidate(environmentsChangedBy(event)),
    onGap: () => snapshots.invalidateAll(),
  });
  const stopRevalidating = replica.onRevalidate(() => snapshots.revalidate());
  return () => {
    unsubscribe();
    stopRevalidating();
  };
}

/** The context every route handler shares: one snapshot store, one evaluator, one set of instruments. */
function createGatewayContext(deps: SdkGatewayDeps): GatewayContext {
  const { config, replica } = deps;
  const metrics = createGatewayMetrics(deps.registry);
  const snapshots = createSnapshotStore({
    cache: deps.cache,
    feedHealthy: () => replica.changeFeed.isHealthy(),
    andRules: config.andRules,
    metrics,
    invalidated: (reason) => replica.metrics.invalidated(reason),
  });
  return {
    ...deps,
    clock: deps.clock ?? systemClock,
    metrics,
    snapshots,
    direct: createDirectReads(deps.cache, config.andRules),
    evaluator: createEvaluator(),
    background: createBackgroundTasks(deps.logger),
  };
}

function heartbeatFieldsOf(replica: ReplicaState, snapshots: SnapshotStore): Record<string, unknown> {
  return {
    configState: replica.configStatus.status()?.state ?? 'INITIALIZING',
    streamState: replica.streamHealth.state().state,
    cacheStatus: replica.storeHealthy() ? 'healthy' : 'unhealthy',
    snapshots: snapshots.size(),
  };
}

/**
 * Creates sdk-gateway (spec/sdk-api.md §3–§7, §9.1): every SDK-facing REST route, answered from
 * per-environment snapshots kept fresh by `proxy:sse_events`, the version check and revalidation
 * (spec/redis-contract.md §7). Token checks and SDK key lookups go through the replica's token gate.
 */
export function createSdkGateway(deps: SdkGatewayDeps): SdkGateway {
  const { config, replica, logger } = deps;
  const context = createGatewayContext(deps);
  const { snapshots, background } = context;
  const handlers = {
    ...createConfigRoutes(context),
    ...createEvaluationRoutes(context),
    auth: createAuthRoute(context, createTargetForwarder(context.clock)),
    metrics: createMetricsRoute(context),
  };
  let stopFollowing: (() => void) | undefined;
  return {
    name: 'sdk-gateway',
    router: createGatewayRouter(handlers, replica),
    fastPath: createFastPath(context, createHttpMetrics(deps.registry)),
    async start() {
      if (config.bypassAuth) logger.warn('authentication is bypassed (BYPASS_AUTH=true)');
      stopFollowing ??= followChanges(replica, snapshots);
    },
    notReadyReasons: () => replica.notReadyReasons(),
    heartbeatFields: () => heartbeatFieldsOf(replica, snapshots),
    settled: () => background.settled(),
    snapshotCount: () => snapshots.size(),
    async close() {
      stopFollowing?.();
      stopFollowing = undefined;
      await background.settled();
    },
  };
}
