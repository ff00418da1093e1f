/** A JSON object as received; fields are read defensively (spec/evaluation.md §1: never throws). */
export type JsonRecord = Record<string, unknown>;

/** Shared empty list for `null`/missing arrays (§11.26); frozen so it cannot become state. */
const EMPTY: readonly unknown[] = Object.freeze([]);

/** Whether `value` is a non-array object. */
export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `value` when it is an array, else an empty list (`null`, missing and malformed arrays alike). */
export function asArray(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : EMPTY;
}

/** Whether `value` is an array with at least one item. */
export function isNonEmptyArray(value: unknown): value is readonly unknown[] {
  return Array.isArray(value) && value.length > 0;
}

/** `value` when it is a string, else `""`. */
export function asString(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
