import type {
  Clause,
  Distribution,
  EvaluationTarget,
  FeatureConfig,
  Prerequisite,
  Segment,
  ServingRule,
  Serve,
  VariationMap,
} from '@relay/flag-model';
import type { SeededRandom } from './seeded-random';

/**
 * Generated flags, segments and targets restricted to what our evaluator and the Node server SDK
 * 1.8.12 (`src/evaluator.ts`, identical in the published source map and at the git tag) agree on.
 * Each restriction and its reason:
 * - Rules have one clause: Node ORs a rule's clauses (we AND them) and never matches a rule without
 *   clauses (we match everyone).
 * - Rule priorities are distinct: Node sorts with `a.priority > b.priority ? 1 : -1`, not stable.
 * - A rule serves exactly one of a variation or a rollout: with both Node serves the variation (we the
 *   rollout); with neither Node goes to the default serve (we to the next rule).
 * - No `match` (Node: always false) and no `servingRules` (Node uses them whatever `AND_RULES` says).
 * - `gt` only on characters below U+D800: Node compares UTF-16 code units, we UTF-8 bytes; they order
 *   every other string alike.
 * - Prerequisites form no cycle (Node recurses forever) and every variation id a flag can serve exists
 *   (Node throws on a prerequisite whose variation is missing, and we fail where it serves a default).
 * - Attribute names never shadow a top-level target field (`anonymous`, `attributes`): Node reads
 *   `target[name]` first. `identifier` and `name` are read alike.
 * - Attribute values are non-empty strings, `true` and non-zero numbers in plain notation: Node's
 *   truthiness test skips `0` and `false` when bucketing, and writes numbers with `toString()`
 *   (exponents) and objects as `[object Object]`.
 * - Targets always have a non-empty identifier (Node compares `excluded`/`included` entries with
 *   `===` even for `""`).
 */
export interface GeneratedFlagSet {
  flags: FeatureConfig[];
  segments: Segment[];
  targets: EvaluationTarget[];
}

/** How many of each to generate. */
export interface FlagSetSizes {
  flags: number;
  segments: number;
  targets: number;
}

const ATTRIBUTE_VALUES: Record<string, readonly (string | number | boolean)[]> = {
  email: ['a@corp.com', 'b@example.com', 'C@Corp.com', 'dev@corp.io', 'zoë@corp.com'],
  plan: ['pro', 'Pro', 'free', 'enterprise', 'PRO'],
  country: ['uk', 'UK', 'fr', 'de', 'ü-land'],
  age: [1, 17, 18, 42, 99, 2.5],
  beta: [true, 'true', 'yes'],
};
const NAMES = ['Alice', 'bob', 'Charlie', 'Ünal', 'eve', 'Zoë', ''];
const CLAUSE_ATTRIBUTES = ['identifier', 'name', ...Object.keys(ATTRIBUTE_VALUES), 'missing'];
const BUCKET_BY = ['identifier', 'name', 'email', 'plan', 'age', 'beta', 'missing'];
const OPERATORS = ['equal', 'equal_sensitive', 'in', 'starts_with', 'ends_with', 'contains', 'gt', 'segmentMatch'];
const KIND_VALUES: Record<string, readonly string[]> = {
  boolean: ['true', 'false'],
  string: ['red', 'green', 'blue'],
  int: ['1', '20', '-3'],
  json: ['{"a":1}', '{"b":[1,2]}', '{}'],
};

function subset<T>(random: SeededRandom, items: readonly T[], max: number): T[] {
  return Array.from({ length: random.int(max + 1) }, () => random.pick(items));
}

function generateTargets(random: SeededRandom, count: number): EvaluationTarget[] {
  return Array.from({ length: count }, (_, i) => {
    const attributes: Record<string, unknown> = {};
    for (const [name, values] of Object.entries(ATTRIBUTE_VALUES)) {
      if (random.chance(0.6)) attributes[name] = random.pick(values);
    }
    const identifier = random.chance(0.1) ? `ü-${i}` : `user-${i}`;
    return { identifier, name: `${random.pick(NAMES)}${random.chance(0.5) ? i : ''}`, attributes };
  });
}

/** Clause values that sometimes match: pool values, their case variants, prefixes and suffixes, ids. */
function clauseValue(random: SeededRandom, attribute: string, targets: readonly EvaluationTarget[]): string {
  const target = random.pick(targets);
  const pool = ATTRIBUTE_VALUES[attribute];
  let value =
    attribute === 'identifier'
      ? target.identifier
      : attribute === 'name'
        ? target.name
        : String(random.pick(pool ?? ['x']));
  if (random.chance(0.3)) value = random.chance(0.5) ? value.toUpperCase() : value.toLowerCase();
  if (random.chance(0.3)) value = random.chance(0.5) ? value.slice(0, 2) : value.slice(-3);
  return value;
}

function generateClause(random: SeededRandom, targets: readonly EvaluationTarget[], segmentIds: string[]): Clause {
  const op = segmentIds.length > 0 ? random.pick(OPERATORS) : random.pick(OPERATORS.slice(0, -1));
  if (op === 'segmentMatch')
    return { attribute: '', op, values: subset(random, segmentIds, 2).concat(random.pick(segmentIds)) };
  const attribute = random.pick(CLAUSE_ATTRIBUTES);
  const count = op === 'in' ? 1 + random.int(3) : 1 + random.int(2);
  const values = Array.from({ length: count }, () => clauseValue(random, attribute, targets));
  return { attribute, op, values, negate: random.chance(0.1) };
}

function generateDistribution(random: SeededRandom, ids: readonly string[]): Distribution {
  const count = 1 + random.int(3);
  const variations = Array.from({ length: count }, (_, i) => ({
    variation: random.pick(ids),
    weight: i === 0 && random.chance(0.1) ? 0 : random.int(70),
  }));
  if (random.chance(0.6)) variations[count - 1]!.weight += 100 - variations.reduce((sum, v) => sum + v.weight, 0);
  return {
    bucketBy: random.pick(BUCKET_BY),
    variations: variations.map((v) => ({ ...v, weight: Math.max(0, v.weight) })),
  };
}

function generateServe(random: SeededRandom, ids: readonly string[]): Serve {
  if (random.chance(0.7)) return { variation: random.pick(ids) };
  return {
    distribution: random.chance(0.05) ? { bucketBy: 'identifier', variations: [] } : generateDistribution(random, ids),
  };
}

function generateSegments(random: SeededRandom, count: number, targets: readonly EvaluationTarget[]): Segment[] {
  const ids = targets.map((target) => target.identifier);
  const entry = (identifier: string) => ({ identifier, name: identifier });
  return Array.from({ length: count }, (_, i) => {
    // Only earlier segments (and a missing one) may be nested, so segment rules have no cycle.
    const nestable = i > 0 ? [...Array.from({ length: i }, (_, j) => `segment-${j}`), 'missing-segment'] : [];
    return {
      identifier: `segment-${i}`,
      name: `Segment ${i}`,
      included: subset(random, ids, 6).map(entry),
      excluded: subset(random, ids, 3).map(entry),
      rules: Array.from({ length: random.int(4) }, () => generateClause(random, targets, nestable)),
      version: 1,
    };
  });
}

function generateRules(random: SeededRandom, ids: readonly string[], context: FlagContext): ServingRule[] {
  const count = random.int(5);
  const priorities = new Set<number>();
  while (priorities.size < count) priorities.add(random.int(1000));
  return [...priorities].map((priority, i) => ({
    ruleId: `rule-${i}`,
    priority,
    clauses: [generateClause(random, context.targets, context.segmentIds)],
    serve: generateServe(random, ids),
  }));
}

function generateVariationMap(random: SeededRandom, ids: readonly string[], context: FlagContext): VariationMap[] {
  return Array.from({ length: random.int(3) }, () => ({
    variation: random.pick(ids),
    targets: subset(random, context.targets, 4).map(({ identifier, name }) => ({ identifier, name })),
    targetSegments: random.chance(0.5) ? subset(random, [...context.segmentIds, 'missing-segment'], 2) : null,
  }));
}

function generatePrerequisites(random: SeededRandom, earlier: readonly FeatureConfig[]): Prerequisite[] {
  if (earlier.length === 0 || !random.chance(0.3)) return [];
  return Array.from({ length: 1 + random.int(2) }, () => {
    if (random.chance(0.1)) return { feature: 'missing-flag', variations: ['true'] };
    const required = random.pick(earlier);
    const ids = required.variations.map((variation) => variation.identifier);
    return { feature: required.feature, variations: [random.pick(ids), ...subset(random, ids, 1)] };
  });
}

interface FlagContext {
  targets: readonly EvaluationTarget[];
  segmentIds: string[];
}

function generateFlag(
  random: SeededRandom,
  index: number,
  earlier: readonly FeatureConfig[],
  context: FlagContext,
): FeatureConfig {
  const kind = random.pick(Object.keys(KIND_VALUES));
  const values = KIND_VALUES[kind]!;
  const ids = kind === 'boolean' ? values : values.map((_, i) => `v${i}`);
  const defaultServe: Serve = random.chance(0.6)
    ? { variation: random.pick(ids) }
    : { distribution: generateDistribution(random, ids) };
  if (random.chance(0.1)) defaultServe.variation = random.pick(ids);
  return {
    project: 'differential',
    environment: 'test',
    feature: `flag-${index}`,
    kind,
    state: random.chance(0.85) ? 'on' : 'off',
    variations: ids.map((identifier, i) => ({ identifier, value: values[i]!, name: identifier })),
    rules: generateRules(random, ids, context),
    defaultServe,
    offVariation: random.pick(ids),
    prerequisites: generatePrerequisites(random, earlier),
    variationToTargetMap: generateVariationMap(random, ids, context),
    version: 1,
  };
}

/** Generates a flag set the Node SDK and our evaluator must evaluate alike (see {@link GeneratedFlagSet}). */
export function generateFlagSet(random: SeededRandom, sizes: FlagSetSizes): GeneratedFlagSet {
  const targets = generateTargets(random, sizes.targets);
  const segments = generateSegments(random, sizes.segments, targets);
  const context = { targets, segmentIds: segments.map((segment) => segment.identifier) };
  const flags: FeatureConfig[] = [];
  // Prerequisites point only at earlier flags, so there is no cycle.
  for (let i = 0; i < sizes.flags; i++) flags.push(generateFlag(random, i, flags, context));
  return { flags, segments, targets };
}
