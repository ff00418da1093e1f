import { InputError } from '@relay/errors';
import type { Clause } from '@relay/flag-model';

/** A JSON object (not an array, not `null`). */
export type JsonObject = Record<string, unknown>;

/** Whether `value` is a JSON object. */
export function isJsonObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * An array field of admin input: missing or `null` → `[]` (SaaS never sends `null` arrays,
 * spec/saas-api.md §10.4); anything else but an array is an {@link InputError} naming `where`.
 */
export function arrayOf(value: unknown, where: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new InputError(`${where} must be an array`);
  return value;
}

/** An object element of admin input, or an {@link InputError} naming `where`. */
export function objectAt(value: unknown, where: string): JsonObject {
  if (!isJsonObject(value)) throw new InputError(`${where} must be an object`);
  return value;
}

/** A string field of admin input, or an {@link InputError} naming `where`. */
export function stringAt(value: unknown, where: string): string {
  if (typeof value !== 'string') throw new InputError(`${where} must be a string`);
  return value;
}

/**
 * Checks clauses and fills what SaaS always sends: `values` as an array of strings and `negate` as a
 * boolean (default `false`). Other properties are kept in order.
 */
export function fillClauses(value: unknown, where: string): Clause[] {
  return arrayOf(value, where).map((item, index) => {
    const at = `${where}[${index}]`;
    const clause = objectAt(item, at);
    stringAt(clause['attribute'], `${at}.attribute`);
    stringAt(clause['op'], `${at}.op`);
    const values = arrayOf(clause['values'], `${at}.values`);
    values.forEach((v, i) => stringAt(v, `${at}.values[${i}]`));
    if (clause['negate'] !== undefined && typeof clause['negate'] !== 'boolean') {
      throw new InputError(`${at}.negate must be a boolean`);
    }
    return { ...clause, values, negate: clause['negate'] ?? false } as Clause;
  });
}
