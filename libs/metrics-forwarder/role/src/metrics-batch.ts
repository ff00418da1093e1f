import { streamIdMs } from '@relay/redis-contract';
import type { ForwardJob } from './forward-job';
import type { MetricsBody, MetricsItem, TargetItem } from './metrics-poster';

/** A parsed, valid stream entry ready to be aggregated. */
export interface BatchEntry {
  id: string;
  envId: string;
  /** UTF-8 byte length of the entry's `event` value (spec/saas-api.md §6.3). */
  bytes: number;
  metricsData: MetricsItem[];
  targetData: TargetItem[];
}

/** The current batch of metrics-forwarder (spec/saas-api.md §6.3): aggregated per environment. */
export interface MetricsBatch {
  add(entry: BatchEntry): void;
  /** Sum of the UTF-8 byte lengths of the `event` values of the entries in the batch. */
  bytes(): number;
  isEmpty(): boolean;
  /** Whether the entry `id` is in the batch. */
  has(id: string): boolean;
  /** Ids of every entry in the batch. */
  ids(): string[];
  /** Empties the batch into one job per environment (§6.4). */
  take(): ForwardJob[];
}

interface EnvironmentBatch {
  metrics: Map<string, MetricsItem>;
  targets: Map<string, TargetItem>;
  ids: string[];
  oldestMs: number;
  bytes: number;
}

const attributeValue = (item: MetricsItem, key: string): string | undefined =>
  item.attributes.find((attribute) => attribute.key === key)?.value;

/**
 * The merge key of §6.3: feature (`featureIdentifier`, else `featureName`), `variationIdentifier`,
 * `SDK_LANGUAGE` and `SDK_VERSION`, a missing one being `""` (Go `safe_metrics_request_map.go`).
 */
export function metricsMergeKey(item: MetricsItem): string {
  const identifier = attributeValue(item, 'featureIdentifier');
  const feature =
    identifier === undefined || identifier === '' ? (attributeValue(item, 'featureName') ?? '') : identifier;
  const variation = attributeValue(item, 'variationIdentifier') ?? '';
  return JSON.stringify([
    feature,
    variation,
    attributeValue(item, 'SDK_LANGUAGE') ?? '',
    attributeValue(item, 'SDK_VERSION') ?? '',
  ]);
}

function addTo(environment: EnvironmentBatch, entry: BatchEntry): void {
  for (const item of entry.metricsData) {
    const key = metricsMergeKey(item);
    const first = environment.metrics.get(key);
    // The first item of a key is kept as it is; later ones only add their count (§6.3).
    if (first) first.count += item.count;
    else environment.metrics.set(key, { ...item });
  }
  // targetData is de-duplicated by identifier, the last item seen winning (Go appends duplicates).
  for (const target of entry.targetData) environment.targets.set(target.identifier, target);
  environment.ids.push(entry.id);
  environment.oldestMs = Math.min(environment.oldestMs, streamIdMs(entry.id));
  environment.bytes += entry.bytes;
}

function toJob(envId: string, environment: EnvironmentBatch): ForwardJob {
  const parts: MetricsBody[] = [];
  if (environment.metrics.size > 0) parts.push({ metricsData: [...environment.metrics.values()] });
  if (environment.targets.size > 0) parts.push({ targetData: [...environment.targets.values()] });
  const { ids, oldestMs, bytes } = environment;
  return { envId, parts, ids, oldestMs, bytes, failedAttempts: 0, dropCounted: false };
}

/** Creates an empty {@link MetricsBatch}. */
export function createMetricsBatch(): MetricsBatch {
  let environments = new Map<string, EnvironmentBatch>();
  let ids = new Set<string>();
  let bytes = 0;

  return {
    add(entry) {
      let environment = environments.get(entry.envId);
      if (!environment) {
        environment = { metrics: new Map(), targets: new Map(), ids: [], oldestMs: Number.POSITIVE_INFINITY, bytes: 0 };
        environments.set(entry.envId, environment);
      }
      addTo(environment, entry);
      ids.add(entry.id);
      bytes += entry.bytes;
    },
    bytes: () => bytes,
    isEmpty: () => ids.size === 0,
    has: (id) => ids.has(id),
    ids: () => [...ids],
    take() {
      const jobs = [...environments.entries()].map(([envId, environment]) => toJob(envId, environment));
      environments = new Map();
      ids = new Set();
      bytes = 0;
      return jobs;
    },
  };
}
