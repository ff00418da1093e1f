import { streamIdMs } from '@relay/redis-contract';
import type { StreamEntry } from '@relay/store';
import type { KeyValue, MetricsItem, TargetItem } from './metrics-poster';

/**
 * A `stream:sdk_metrics` entry after parsing (spec/redis-contract.md §4.4 step 3, spec/saas-api.md §6.2):
 * `malformed` when the whole entry is unusable (invalid JSON, no `environment_id`, `metricsData` or
 * `targetData` not an array), with the `envID` label to count it under; otherwise its normalised items
 * and how many items were dropped as malformed.
 */
export type ParsedMetricsEntry =
  | { kind: 'malformed'; envId: string }
  | { kind: 'valid'; envId: string; metricsData: MetricsItem[]; targetData: TargetItem[]; malformedItems: number };

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** `{key,value}` objects → strings (§6.2); `undefined` when one attribute is not an object. */
function readAttributeList(attributes: unknown[]): KeyValue[] | undefined {
  const result: KeyValue[] = [];
  for (const attribute of attributes) {
    if (!isObject(attribute)) return undefined;
    result.push({ key: String(attribute['key']), value: String(attribute['value']) });
  }
  return result;
}

/** A `metricsData` item normalised per §6.2, or `undefined` when it must be dropped as malformed. */
export function normaliseMetricsItem(item: unknown, entryId: string): MetricsItem | undefined {
  if (!isObject(item) || !Array.isArray(item['attributes'])) return undefined;
  const attributes = readAttributeList(item['attributes']);
  if (!attributes) return undefined;
  const { count, timestamp, metricsType } = item;
  return {
    attributes,
    count: isFiniteNumber(count) ? Math.trunc(count) : 1,
    metricsType: typeof metricsType === 'string' ? metricsType : 'FFMETRICS',
    // An SDK without a usable timestamp gets the time the gateway appended the entry.
    timestamp: isFiniteNumber(timestamp) ? timestamp : streamIdMs(entryId),
  };
}

/** Target attributes as `{key,value}` strings: an array of pairs, or an object's own properties. */
function readTargetAttributes(attributes: unknown): KeyValue[] | undefined {
  if (attributes === undefined || attributes === null) return [];
  if (Array.isArray(attributes)) return readAttributeList(attributes);
  if (isObject(attributes)) return Object.entries(attributes).map(([key, value]) => ({ key, value: String(value) }));
  return undefined;
}

/** A `targetData` item normalised per §6.2, or `undefined` when it has no usable `identifier`. */
export function normaliseTargetItem(item: unknown): TargetItem | undefined {
  if (!isObject(item)) return undefined;
  const { identifier, name } = item;
  if (typeof identifier !== 'string' || identifier === '') return undefined;
  const attributes = readTargetAttributes(item['attributes']);
  if (!attributes) return undefined;
  return { identifier, name: typeof name === 'string' && name !== '' ? name : identifier, attributes };
}

function readItems<T>(
  items: unknown[] | undefined | null,
  normalise: (item: unknown) => T | undefined,
): { items: T[]; malformed: number } {
  const result: T[] = [];
  let malformed = 0;
  for (const item of items ?? []) {
    const normalised = normalise(item);
    if (normalised === undefined) malformed += 1;
    else result.push(normalised);
  }
  return { items: result, malformed };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

// `null` is what an SDK sends for an empty part; the gateway lets it through (spec/sdk-api.md §7).
const optionalArray = (value: unknown): value is unknown[] | undefined | null =>
  value === undefined || value === null || Array.isArray(value);

/** Parses and normalises one stream entry (spec/redis-contract.md §4.4 step 3, spec/saas-api.md §6.2). */
export function parseMetricsEntry(entry: StreamEntry): ParsedMetricsEntry {
  const body = parseJson(entry.event);
  if (!isObject(body)) return { kind: 'malformed', envId: '' };
  const envId = body['environment_id'];
  if (typeof envId !== 'string' || envId === '') return { kind: 'malformed', envId: '' };
  const { metricsData, targetData } = body;
  if (!optionalArray(metricsData) || !optionalArray(targetData)) return { kind: 'malformed', envId };
  const metrics = readItems(metricsData, (item) => normaliseMetricsItem(item, entry.id));
  const targets = readItems(targetData, normaliseTargetItem);
  return {
    kind: 'valid',
    envId,
    metricsData: metrics.items,
    targetData: targets.items,
    malformedItems: metrics.malformed + targets.malformed,
  };
}
