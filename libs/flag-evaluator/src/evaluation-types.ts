import type { Evaluation, EvaluationTarget, FeatureConfig, Segment, Variation } from '@relay/flag-model';
import type { RegexCache } from './regex-cache';

/**
 * Outcome of one flag evaluation (spec/evaluation.md §1). Expected failures are values, never
 * exceptions (style guide §7): a missing variation, no selected variation, malformed data.
 */
export type EvaluationResult = { ok: true; variation: Variation } | { ok: false; reason: string };

/** What the evaluator may read besides the flag itself, all from one environment snapshot (§1). */
export interface EvaluationLookups {
  /** The flag with this identifier (for prerequisites), or `undefined` when the environment has none. */
  getFlag(identifier: string): FeatureConfig | undefined;
  /** The segment with this identifier, or `undefined` when the environment has none (it is then skipped, §8). */
  getSegment(identifier: string): Segment | undefined;
  /** Env `AND_RULES`: segment `servingRules` are ANDed and replace the legacy `rules` (§8). Default false. */
  andRules: boolean;
}

/** One failed flag of {@link EvaluateAllResult}: its identifier and why it failed. */
export interface EvaluationFailure {
  flag: string;
  reason: string;
}

/** The evaluations of a list of flags for one target, in flag order, and the flags left out (§10). */
export interface EvaluateAllResult {
  evaluations: Evaluation[];
  failures: EvaluationFailure[];
}

/** Everything one evaluation reads; built once per `evaluate`/`evaluateAll` call. Internal. */
export interface EvaluationContext {
  readonly target: EvaluationTarget | null;
  readonly lookups: EvaluationLookups;
  readonly regexCache: RegexCache;
}
