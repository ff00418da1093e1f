import type { FeatureConfig, Segment } from './flag-types';

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Replaces a missing or `null` property by `[]`: in place when present, appended when absent. */
function arrayField(target: JsonObject, field: string): void {
  if (target[field] === undefined || target[field] === null) target[field] = [];
}

function normalizeClausesOf(rules: unknown): void {
  if (!Array.isArray(rules)) return;
  for (const rule of rules) if (isObject(rule)) arrayField(rule, 'clauses');
}

/**
 * Normalises a FeatureConfig before it is stored (spec/saas-api.md §9.1): `rules`, `prerequisites`,
 * `variationToTargetMap`, `variations` become arrays and rule `clauses` too; everything else, unknown
 * fields included, is kept as received, in order. `undefined` when the item has no `feature` identifier
 * (it could not be stored under a key).
 */
export function normalizeFeatureConfig(value: unknown): FeatureConfig | undefined {
  if (!isObject(value) || typeof value['feature'] !== 'string' || value['feature'] === '') return undefined;
  const flag: JsonObject = { ...value };
  for (const field of ['rules', 'prerequisites', 'variationToTargetMap', 'variations']) arrayField(flag, field);
  if (Array.isArray(flag['rules'])) flag['rules'] = flag['rules'].map((rule) => (isObject(rule) ? { ...rule } : rule));
  normalizeClausesOf(flag['rules']);
  return flag as FeatureConfig;
}

/**
 * Normalises a Segment (spec/saas-api.md §9.2): `included`, `excluded`, `rules`, `servingRules` and
 * serving-rule `clauses` become arrays; when `rules` is empty and `servingRules` is not, `rules` is
 * derived from the first clause of each serving rule that has one (the V2 AND→OR conversion).
 * `undefined` when the item has no `identifier`.
 */
export function normalizeSegment(value: unknown): Segment | undefined {
  if (!isObject(value) || typeof value['identifier'] !== 'string' || value['identifier'] === '') return undefined;
  const segment: JsonObject = { ...value };
  for (const field of ['included', 'excluded', 'rules', 'servingRules']) arrayField(segment, field);
  if (Array.isArray(segment['servingRules'])) {
    segment['servingRules'] = segment['servingRules'].map((rule) => (isObject(rule) ? { ...rule } : rule));
  }
  normalizeClausesOf(segment['servingRules']);
  const rules = segment['rules'];
  const servingRules = segment['servingRules'];
  if (Array.isArray(rules) && rules.length === 0 && Array.isArray(servingRules) && servingRules.length > 0) {
    segment['rules'] = servingRules
      .map((rule) => (isObject(rule) && Array.isArray(rule['clauses']) ? rule['clauses'][0] : undefined))
      .filter((clause) => clause !== undefined);
  }
  return segment as Segment;
}
