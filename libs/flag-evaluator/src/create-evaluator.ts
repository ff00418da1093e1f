import type { EvaluationTarget, FeatureConfig } from '@relay/flag-model';
import { evaluateFlag } from './evaluate-flag';
import type { EvaluateAllResult, EvaluationContext, EvaluationLookups, EvaluationResult } from './evaluation-types';
import { asString } from './json-shape';
import { createRegexCache } from './regex-cache';
import { toEvaluation } from './to-evaluation';

/** Options of {@link createEvaluator}. */
export interface EvaluatorOptions {
  /** Most compiled `match` patterns kept (LRU). Default 1000 (spec/evaluation.md §7); 0 disables caching. */
  regexCacheSize?: number;
}

/** A flag evaluator; holds only its regex cache, so one per process (or per test) is enough. */
export interface Evaluator {
  /**
   * Evaluates one flag for a target (spec/evaluation.md §3). `target` is `null` only for conformance
   * cases without a target. Pure apart from the regex cache; never throws.
   */
  evaluate(flag: FeatureConfig, target: EvaluationTarget | null, lookups: EvaluationLookups): EvaluationResult;
  /**
   * Evaluates every flag of `flags` for one target (§10): response items in flag order; failed flags
   * are left out of `evaluations` and listed in `failures`.
   */
  evaluateAll(
    flags: readonly FeatureConfig[],
    target: EvaluationTarget | null,
    lookups: EvaluationLookups,
  ): EvaluateAllResult;
}

/** Creates an evaluator with its own `match` pattern cache (no module-level state). */
export function createEvaluator(options: EvaluatorOptions = {}): Evaluator {
  const regexCache = createRegexCache(options.regexCacheSize ?? 1000);
  return {
    evaluate: (flag, target, lookups) => evaluateFlag(flag, { target, lookups, regexCache }),
    evaluateAll: (flags, target, lookups) => evaluateEach(flags, { target, lookups, regexCache }),
  };
}

function evaluateEach(flags: readonly FeatureConfig[], context: EvaluationContext): EvaluateAllResult {
  const result: EvaluateAllResult = { evaluations: [], failures: [] };
  for (const flag of flags) {
    const evaluation = evaluateFlag(flag, context);
    if (evaluation.ok) result.evaluations.push(toEvaluation(flag, evaluation.variation));
    else result.failures.push({ flag: asString(flag?.feature), reason: evaluation.reason });
  }
  return result;
}

/**
 * Evaluates one flag with a throwaway evaluator: `match` patterns are compiled on every call. For
 * one-off use; request paths hold one {@link createEvaluator} instance.
 */
export function evaluate(
  flag: FeatureConfig,
  target: EvaluationTarget | null,
  lookups: EvaluationLookups,
): EvaluationResult {
  return createEvaluator().evaluate(flag, target, lookups);
}

/** {@link Evaluator.evaluateAll} with a throwaway evaluator (see {@link evaluate}). */
export function evaluateAll(
  flags: readonly FeatureConfig[],
  target: EvaluationTarget | null,
  lookups: EvaluationLookups,
): EvaluateAllResult {
  return createEvaluator().evaluateAll(flags, target, lookups);
}
