import { compareUtf8 } from './compare-utf8';
import type { RegexCache } from './regex-cache';

/**
 * Applies a clause operator to a non-empty attribute value (spec/evaluation.md §7.5). Only `values[0]`
 * is used, except by `in`; a non-string value and an unknown operator never match. `segmentMatch` is
 * handled by the caller.
 */
export function operatorMatches(
  op: string,
  attribute: string,
  values: readonly unknown[],
  regexCache: RegexCache,
): boolean {
  if (op === 'in') return values.includes(attribute);
  const value = values[0];
  if (typeof value !== 'string') return false;
  switch (op) {
    case 'equal':
      // Go uses Unicode case folding; lower-casing both sides agrees for practical inputs (§7).
      return attribute === value || attribute.toLowerCase() === value.toLowerCase();
    case 'equal_sensitive':
      return attribute === value;
    case 'starts_with':
      return attribute.startsWith(value);
    case 'ends_with':
      return attribute.endsWith(value);
    case 'contains':
      return attribute.includes(value);
    case 'gt':
      // A string comparison on UTF-8 bytes, as Go: "10" gt "9" is false.
      return compareUtf8(attribute, value) > 0;
    case 'match':
      return regexCache.test(value, attribute);
    default:
      return false;
  }
}
