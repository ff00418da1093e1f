import { createFakeClock, type FakeClock } from '@relay/lifecycle/testing';
import { createCapturingLogger, type CapturingLogger } from '@relay/logging/testing';
import { createMetricsRegistry, type Registry } from '@relay/metrics';
import { METRICS_CONSUMER_GROUP, streamNames } from '@relay/redis-contract';
import { createMemoryStore, type MemoryStore } from '@relay/store';
import { createMetricsForwarder, type MetricsForwarder, type MetricsForwarderDeps } from '../create-metrics-forwarder';
import { createFakeMetricsPoster, type FakeMetricsPoster } from '../fake-metrics-poster';

/** A forwarder on the in-memory store with a fake poster and a fake clock, for the role's unit tests. */
export interface ForwarderHarness {
  clock: FakeClock;
  store: MemoryStore;
  poster: FakeMetricsPoster;
  logger: CapturingLogger;
  registry: Registry;
  forwarder: MetricsForwarder;
  /** Appends one `stream:sdk_metrics` entry (MAXLEN 1000 unless given) and returns its id. */
  append(event: unknown, maxLen?: number): Promise<string>;
  /** Ids pending in the group, per consumer. */
  pendingByConsumer(): Promise<Record<string, number>>;
}

/** Options of {@link createForwarderHarness}: overrides of the forwarder's deps and config. */
export type ForwarderHarnessOptions = Partial<Omit<MetricsForwarderDeps, 'config'>> & {
  config?: Partial<MetricsForwarderDeps['config']>;
};

/** Builds a {@link ForwarderHarness}; pass the same `store`, `clock` and `registry` to run a second instance. */
export function createForwarderHarness(
  options: ForwarderHarnessOptions & { store?: MemoryStore; clock?: FakeClock } = {},
): ForwarderHarness {
  const clock = options.clock ?? createFakeClock();
  const store = options.store ?? createMemoryStore({ clock });
  const poster = (options.poster as FakeMetricsPoster | undefined) ?? createFakeMetricsPoster();
  const logger = createCapturingLogger();
  const registry = options.registry ?? createMetricsRegistry({ service: 'metrics-forwarder', version: 'test' });
  const config = {
    enabled: true,
    offline: false,
    postIntervalMs: 60_000,
    readConcurrency: 2,
    maxRetryAgeMs: 900_000,
    ...options.config,
  };
  const forwarder = createMetricsForwarder({
    events: store.events,
    cache: store.cache,
    pingStore: false,
    instanceId: 'forwarder-1',
    random: () => 0.5,
    ...options,
    config,
    poster,
    logger,
    registry,
    clock,
  });
  return {
    clock,
    store,
    poster,
    logger,
    registry,
    forwarder,
    append: (event, maxLen = 1000) =>
      store.events.append(streamNames.sdkMetrics, typeof event === 'string' ? event : JSON.stringify(event), maxLen),
    async pendingByConsumer() {
      const consumers = await store.events.consumers(streamNames.sdkMetrics, METRICS_CONSUMER_GROUP).catch(() => []);
      return Object.fromEntries(consumers.filter((c) => c.pending > 0).map((c) => [c.name, c.pending]));
    },
  };
}

/** A `stream:sdk_metrics` entry with one metricsData item per `[feature, variation, count]`. */
export function metricsEntry(
  envId: string,
  items: [string, string, number][],
  sdk = { language: 'javascript', version: '1.8.12' },
) {
  return {
    environment_id: envId,
    metricsData: items.map(([feature, variation, count]) => ({
      timestamp: 1_700_000_000_000,
      count,
      metricsType: 'FFMETRICS',
      attributes: [
        { key: 'featureIdentifier', value: feature },
        { key: 'variationIdentifier', value: variation },
        { key: 'SDK_TYPE', value: 'server' },
        { key: 'SDK_LANGUAGE', value: sdk.language },
        { key: 'SDK_VERSION', value: sdk.version },
      ],
    })),
  };
}
