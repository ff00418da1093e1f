import { createApp, listen, type FastPath, type HttpServerHandle } from '@relay/http';
import type { Clock } from '@relay/lifecycle';
import { createFakeClock, type FakeClock } from '@relay/lifecycle/testing';
import { createCapturingLogger, type CapturingLogger } from '@relay/logging/testing';
import { createMetricsRegistry, type Registry } from '@relay/metrics';
import { createReplicaState, type ReplicaState, type ReplicaStateOptions, type TokenVerifier } from '@relay/replica';
import { createMemoryStore, type ConfigCache, type EventStream } from '@relay/store';
import { createSseFanout, type SseFanout, type SseFanoutTimings } from '../create-sse-fanout';
import type { SseFanoutConfig } from '../read-sse-fanout-config';
import { createFakeTokenVerifier } from './fake-token-verifier';

/** Options of {@link startTestFanout}. */
export interface TestFanoutOptions {
  /** Default: a new in-memory store (on the system clock, so blocking reads wake on appends). */
  store?: { cache: ConfigCache; events: EventStream; remote?: boolean };
  /** Default: {@link createFakeTokenVerifier}. */
  verifier?: TokenVerifier;
  /** Clock of the replica state and the role. Default: a fake clock (advanced by the test). */
  clock?: Clock;
  config?: Partial<SseFanoutConfig>;
  timings?: SseFanoutTimings;
  replicaTimings?: ReplicaStateOptions['timings'];
  shutdownTimeoutMs?: number;
  /** Tried before the app, e.g. a test double of sdk-gateway for the real SDKs. */
  fastPath?: FastPath;
  /** Serve `GET /stream` through the role's fast path, as the composition roots do. Default true; false: express only. */
  streamFastPath?: boolean;
}

/** A running sse-fanout behind `createApp` on a free port of 127.0.0.1. */
export interface TestFanout {
  readonly port: number;
  readonly baseUrl: string;
  readonly fanout: SseFanout;
  readonly replica: ReplicaState;
  readonly cache: ConfigCache;
  readonly events: EventStream;
  readonly clock: Clock;
  /** The clock when it is the default fake one. */
  readonly fakeClock: FakeClock | undefined;
  readonly logger: CapturingLogger;
  readonly registry: Registry;
  readonly server: HttpServerHandle;
  /** Closes role, server and replica state (advancing a fake clock through the shutdown spread). */
  close(): Promise<void>;
}

/** Default settings of the tests: the spec defaults. */
export const TEST_FANOUT_CONFIG: SseFanoutConfig = {
  authSecrets: [],
  bypassAuth: false,
  keepAliveIntervalMs: 15_000,
  eventDelayMs: 0,
  revalidateIntervalMs: 30_000,
  readReplica: false,
};

/** Starts replica state, sse-fanout and an HTTP server the way a composition root does. */
export async function startTestFanout(options: TestFanoutOptions = {}): Promise<TestFanout> {
  const fakeClock = options.clock ? undefined : createFakeClock(Date.now());
  const clock = options.clock ?? (fakeClock as FakeClock);
  const memory = options.store ? undefined : createMemoryStore();
  const { cache, events } = options.store ?? (memory as NonNullable<typeof memory>);
  const logger = createCapturingLogger();
  const registry = createMetricsRegistry({ service: 'sse-fanout', version: 'test' });
  const config = { ...TEST_FANOUT_CONFIG, ...options.config };
  const replica = createReplicaState({
    cache,
    events,
    verifier: options.verifier ?? createFakeTokenVerifier(),
    clock,
    logger,
    registry,
    revalidateIntervalMs: config.revalidateIntervalMs,
    readReplica: false,
    pingStore: options.store?.remote ?? false,
    timings: options.replicaTimings,
  });
  const fanout = createSseFanout({
    config,
    replica,
    cache,
    events,
    clock,
    logger,
    registry,
    shutdownTimeoutMs: options.shutdownTimeoutMs,
    timings: options.timings,
  });
  await replica.start();
  await fanout.start();
  const app = createApp({ logger, registry, routers: [fanout.router], readiness: () => fanout.notReadyReasons() });
  const fastPaths = [options.fastPath, options.streamFastPath === false ? undefined : fanout.fastPath].filter(
    (path) => path !== undefined,
  );
  const fastPath: FastPath = (req, res) => fastPaths.some((path) => path(req, res));
  const server = await listen(app, { port: 0, host: '127.0.0.1', logger, fastPath });
  return {
    port: server.port,
    baseUrl: `http://127.0.0.1:${server.port}`,
    fanout,
    replica,
    cache,
    events,
    clock,
    fakeClock,
    logger,
    registry,
    server,
    async close() {
      server.prepareClose();
      const closing = fanout.close();
      if (fakeClock) await fakeClock.advance(5000);
      await closing;
      await server.close();
      await replica.close();
    },
  };
}
