import type { EvaluationContext, EvaluationResult } from './evaluation-types';
import { findVariation } from './find-variation';
import { asString, isNonEmptyArray, isRecord } from './json-shape';
import { prerequisitesMet } from './prerequisites-met';
import { selectVariationId } from './select-variation-id';

/**
 * `evaluate(flag, target)` of spec/evaluation.md §3: prerequisites first (failing → `offVariation`),
 * then `core`, then the variation lookup. Never throws: malformed data fails or does not match, and
 * anything unforeseen (a throwing lookup, say) becomes `{ ok: false }` too (§1).
 */
export function evaluateFlag(flag: unknown, context: EvaluationContext): EvaluationResult {
  if (!isRecord(flag)) return { ok: false, reason: 'malformed flag' };
  try {
    const id =
      isNonEmptyArray(flag.prerequisites) && !prerequisitesMet(flag, context, [asString(flag.feature)])
        ? asString(flag.offVariation)
        : selectVariationId(flag, context);
    return findVariation(flag.variations, id);
  } catch (error) {
    return { ok: false, reason: `evaluation error: ${error instanceof Error ? error.message : String(error)}` };
  }
}
