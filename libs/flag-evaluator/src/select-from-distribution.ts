import type { EvaluationTarget } from '@relay/flag-model';
import { asArray, asString, isRecord } from './json-shape';
import { murmur3 } from './murmur3';
import { readAttribute, targetIdentifier } from './read-attribute';

/** Bucket 1…100 of `bucketBy:value` (spec/evaluation.md §9.3). */
export function bucketOf(bucketBy: string, value: string): number {
  return (murmur3(`${bucketBy}:${value}`) % 100) + 1;
}

/** The target's bucket for this `bucketBy`, falling back to `identifier`; 0 when both values are empty (§9.2). */
function targetBucket(target: EvaluationTarget | null, bucketBy: unknown): number {
  const value = readAttribute(target, bucketBy);
  if (value !== '') return bucketOf(bucketBy as string, value);
  const identifier = targetIdentifier(target);
  return identifier === '' ? 0 : bucketOf('identifier', identifier);
}

/**
 * The variation a percentage rollout selects for the target (spec/evaluation.md §9): the first whose
 * cumulative weight reaches the target's bucket, else the last one; `""` for a missing distribution or
 * one without variations. A non-number weight counts 0.
 */
export function selectFromDistribution(distribution: unknown, target: EvaluationTarget | null): string {
  if (!isRecord(distribution)) return '';
  const variations = asArray(distribution.variations);
  if (variations.length === 0) return '';
  const bucket = targetBucket(target, distribution.bucketBy);
  let total = 0;
  for (const weighted of variations) {
    if (!isRecord(weighted)) continue;
    if (typeof weighted.weight === 'number') total += weighted.weight;
    if (bucket > 0 && total > 0 && bucket <= total) return asString(weighted.variation);
  }
  const last = variations[variations.length - 1];
  return isRecord(last) ? asString(last.variation) : '';
}
