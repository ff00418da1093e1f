import type { EvaluationTarget } from '@relay/flag-model';
import { formatGoFloat } from './format-go-float';
import { isRecord } from './json-shape';

/**
 * An attribute value as the operators see it (spec/evaluation.md §2.3): missing or `null` → `""`,
 * strings as they are, booleans `"true"`/`"false"`, numbers in Go's plain notation, objects and arrays
 * as JSON.
 */
export function stringifyAttribute(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined || value === null) return '';
  if (typeof value === 'number') return formatGoFloat(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'object') return JSON.stringify(value) ?? '';
  return '';
}

/** The target's identifier as a string (`""` for no target). */
export function targetIdentifier(target: EvaluationTarget | null): string {
  return target === null ? '' : stringifyAttribute(target.identifier);
}

/**
 * `attr(target, name)` of spec/evaluation.md §2: `identifier` and `name` (exactly, case-sensitive) read
 * the target's own fields, any other name reads `target.attributes` (own properties only, so
 * `constructor` is not found on every target). `""` for no target, an empty or non-string name.
 */
export function readAttribute(target: EvaluationTarget | null, name: unknown): string {
  if (target === null || typeof name !== 'string' || name === '') return '';
  if (name === 'identifier') return stringifyAttribute(target.identifier);
  if (name === 'name') return stringifyAttribute(target.name);
  const attributes: unknown = target.attributes;
  if (!isRecord(attributes) || !Object.hasOwn(attributes, name)) return '';
  return stringifyAttribute(attributes[name]);
}
