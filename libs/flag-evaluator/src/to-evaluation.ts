import type { Evaluation, FeatureConfig, Variation } from '@relay/flag-model';

/**
 * The response item of a successful evaluation (spec/evaluation.md §10): `value` is the variation's
 * stored string, unchanged for every kind, and `kind` is passed through even when unknown (§11.27).
 */
export function toEvaluation(flag: FeatureConfig, variation: Variation): Evaluation {
  return { flag: flag.feature, identifier: variation.identifier, kind: flag.kind, value: variation.value };
}
