import type { EvaluationLookups } from '@relay/flag-evaluator';
import type { FeatureConfig, Segment } from '@relay/flag-model';
import type { EnvMeta } from '@relay/redis-contract';
import { segmentsBodyOf, stripSegment, type SegmentVariant } from './segment-variant';

/** A response body: JSON text, or its UTF-8 bytes. */
export type ResponseBody = string | Buffer;

/**
 * What the gateway holds in process for one environment (spec/redis-contract.md §7.1): the version read
 * before the data, the raw list bytes, the parsed flags and segments for the evaluator, the meta object,
 * and derived bodies built on first use (per-item bytes, the two segment list variants).
 */
export interface EnvironmentSnapshot {
  /** `env-<envID>-version` as read before the data; `undefined` for a one-off snapshot that is never held. */
  readonly version: string | undefined;
  /** `env-<envID>-meta`, `undefined` when missing or not read. */
  readonly meta: EnvMeta | undefined;
  /** Every stored flag, in list order (the evaluations order). */
  readonly flags: readonly FeatureConfig[];
  /** Flag and segment lookups of this snapshot, with `AND_RULES`. */
  readonly lookups: EvaluationLookups;
  /** Derived bodies built so far (the memoize metrics tell a plain hit from one that built a body). */
  derivedBuilds(): number;
  /** The bytes of `env-<envID>-feature-configs`, or `[]` when absent (§6.1). */
  featureConfigsBody(): Buffer;
  /** One FeatureConfig, byte-identical to its per-item key (§3.3); `undefined` when unknown. */
  featureConfigBody(identifier: string): Buffer | undefined;
  /** The segment list without the property `variant` drops (§6.3). */
  segmentsBody(variant: SegmentVariant): Buffer;
  /** One segment of the list without the property `variant` drops; `undefined` when unknown. */
  segmentBody(identifier: string, variant: SegmentVariant): Buffer | undefined;
}

/** What a snapshot is built from. */
export interface SnapshotSource {
  version: string | undefined;
  /** Raw `env-<envID>-feature-configs`, `undefined` when the key is absent. */
  featureConfigsText: string | undefined;
  /** Parsed flag list (from the same text). */
  flags: readonly unknown[];
  /** Parsed segment list. */
  segments: readonly unknown[];
  meta: EnvMeta | undefined;
  /** Env `AND_RULES`. */
  andRules: boolean;
}

/** The first element of `items` with `field` equal to each identifier (the per-item key holds that one). */
function indexBy<T>(items: readonly unknown[], field: string): Map<string, T> {
  const index = new Map<string, T>();
  for (const item of items) {
    const id = item !== null && typeof item === 'object' ? (item as Record<string, unknown>)[field] : undefined;
    if (typeof id === 'string' && !index.has(id)) index.set(id, item as T);
  }
  return index;
}

/** Builds an {@link EnvironmentSnapshot}; derived bodies are built lazily and kept. */
export function createEnvironmentSnapshot(source: SnapshotSource, onDerivedBuilt: () => void = () => undefined): EnvironmentSnapshot {
  const flagIndex = indexBy<FeatureConfig>(source.flags, 'feature');
  const segmentIndex = indexBy<Segment>(source.segments, 'identifier');
  const listBody = Buffer.from(source.featureConfigsText ?? '[]');
  const derived = new Map<string, Buffer | undefined>();
  let builds = 0;

  const memo = (key: string, build: () => string | undefined): Buffer | undefined => {
    if (derived.has(key)) return derived.get(key);
    const text = build();
    const body = text === undefined ? undefined : Buffer.from(text);
    derived.set(key, body);
    if (body !== undefined) {
      builds += 1;
      onDerivedBuilt();
    }
    return body;
  };
  const itemText = (item: unknown) => (item === undefined ? undefined : JSON.stringify(item));

  return {
    version: source.version,
    meta: source.meta,
    flags: source.flags as FeatureConfig[],
    lookups: { getFlag: (id) => flagIndex.get(id), getSegment: (id) => segmentIndex.get(id), andRules: source.andRules },
    derivedBuilds: () => builds,
    featureConfigsBody: () => listBody,
    featureConfigBody: (id) => (flagIndex.has(id) ? memo(`f:${id}`, () => itemText(flagIndex.get(id))) : undefined),
    segmentsBody: (variant) => memo(`s:${variant}`, () => segmentsBodyOf(source.segments, variant)) as Buffer,
    segmentBody: (id, variant) =>
      segmentIndex.has(id) ? memo(`s:${variant}:${id}`, () => itemText(stripSegment(segmentIndex.get(id), variant))) : undefined,
  };
}
