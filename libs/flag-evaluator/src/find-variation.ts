import type { Variation } from '@relay/flag-model';
import type { EvaluationResult } from './evaluation-types';
import { asArray, isRecord } from './json-shape';

/**
 * Step 3–4 of spec/evaluation.md §3: the flag's Variation with identifier `id` (the stored object, not
 * a copy). Fails when `id` is empty, when the flag has no such variation, or when its value is not a
 * string (a malformed variation cannot become a response item, §10).
 */
export function findVariation(variations: unknown, id: string): EvaluationResult {
  if (id === '') return { ok: false, reason: 'no variation selected' };
  for (const variation of asArray(variations)) {
    if (!isRecord(variation) || variation.identifier !== id) continue;
    if (typeof variation.value !== 'string') return { ok: false, reason: `variation ${id} has no string value` };
    return { ok: true, variation: variation as unknown as Variation };
  }
  return { ok: false, reason: `variation ${id} not found` };
}
