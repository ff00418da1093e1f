import type { EvaluationContext } from './evaluation-types';
import { findVariation } from './find-variation';
import { asArray, asString, isNonEmptyArray, isRecord, type JsonRecord } from './json-shape';
import { selectVariationId } from './select-variation-id';

/** Longest prerequisite chain followed; deeper chains fail like cycles (spec/evaluation.md §4.2). */
export const MAX_PREREQUISITE_CHAIN = 64;

/**
 * `prerequisitesMet(flag, target, chain)` of spec/evaluation.md §4. `chain` holds the flags being
 * checked, outermost first. The shortcuts are kept for parity with Go and Node: a missing prerequisite
 * flag, or one whose own evaluation fails, passes the whole check at once; a cycle fails it.
 */
export function prerequisitesMet(flag: JsonRecord, context: EvaluationContext, chain: readonly string[]): boolean {
  for (const prerequisite of asArray(flag.prerequisites)) {
    const feature = isRecord(prerequisite) ? prerequisite.feature : undefined;
    const required = typeof feature === 'string' ? context.lookups.getFlag(feature) : undefined;
    if (!isRecord(required)) return true;
    const requiredId = asString(required.feature);
    // Go and Node recurse forever on a cycle; we stop (§11.4).
    if (chain.includes(requiredId) || chain.length >= MAX_PREREQUISITE_CHAIN) return false;
    // The prerequisite's own prerequisites do not change the value compared here (§4.3).
    const served = findVariation(required.variations, selectVariationId(required, context));
    if (!served.ok) return true;
    const allowed = isRecord(prerequisite) ? asArray(prerequisite.variations) : [];
    if (!allowed.includes(served.variation.identifier)) return false;
    if (isNonEmptyArray(required.prerequisites) && !prerequisitesMet(required, context, [...chain, requiredId])) {
      return false;
    }
  }
  return true;
}
