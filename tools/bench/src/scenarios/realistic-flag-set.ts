import type { Clause, EvaluationTarget, FeatureConfig, Segment, Serve, ServingRule } from '@relay/flag-model';
import type { SeededRandom } from '@relay/flag-evaluator/testing';

/** A flag environment shaped like a real one, for the evaluator benchmark. */
export interface RealisticFlagSet {
  flags: FeatureConfig[];
  segments: Segment[];
  targets: EvaluationTarget[];
}

const PLANS = ['free', 'pro', 'enterprise'];
const COUNTRIES = ['uk', 'us', 'de', 'fr', 'jp', 'br', 'in'];
const DOMAINS = ['example.com', 'corp.com', 'mail.io', 'harness.io'];
const VERSIONS = ['1.9.0', '2.0.1', '2.1.0', '3.0.0-beta'];
const KINDS = ['boolean', 'boolean', 'boolean', 'string', 'int', 'json'];
const VALUES: Record<string, string[]> = {
  boolean: ['true', 'false'],
  string: ['control', 'variant-a', 'variant-b'],
  int: ['10', '50', '100'],
  json: ['{"limit":10,"theme":"light"}', '{"limit":50,"theme":"dark"}'],
};

function createTargets(random: SeededRandom, count: number): EvaluationTarget[] {
  return Array.from({ length: count }, (_, i) => ({
    identifier: `user-${i}`,
    name: `User ${i}`,
    attributes: {
      email: `user${i}@${random.pick(DOMAINS)}`,
      plan: random.pick(PLANS),
      country: random.pick(COUNTRIES),
      appVersion: random.pick(VERSIONS),
      beta: random.chance(0.2),
      age: 18 + random.int(60),
    },
  }));
}

function attributeClause(random: SeededRandom): Clause {
  const choices: Clause[] = [
    { attribute: 'plan', op: 'equal', values: [random.pick(PLANS)] },
    {
      attribute: 'country',
      op: 'in',
      values: [random.pick(COUNTRIES), random.pick(COUNTRIES), random.pick(COUNTRIES)],
    },
    { attribute: 'email', op: 'ends_with', values: [`@${random.pick(DOMAINS)}`] },
    { attribute: 'identifier', op: 'starts_with', values: [`user-${random.int(10)}`] },
    { attribute: 'appVersion', op: 'gt', values: ['2.0.0'] },
    { attribute: 'email', op: 'contains', values: ['user1'] },
    { attribute: 'beta', op: 'equal', values: ['true'] },
    { attribute: 'email', op: 'match', values: [`^user\\d*${random.int(10)}@(corp|harness)\\.`] },
  ];
  return random.pick(choices);
}

function rolloutServe(random: SeededRandom, ids: string[]): Serve {
  const first = random.pick([10, 25, 50, 90]);
  return {
    distribution: {
      bucketBy: random.chance(0.8) ? 'identifier' : 'email',
      variations: [
        { variation: ids[0]!, weight: first },
        { variation: ids[1]!, weight: 100 - first },
      ],
    },
  };
}

function createSegments(random: SeededRandom, count: number, targets: readonly EvaluationTarget[]): Segment[] {
  const entry = () => {
    const { identifier, name } = random.pick(targets);
    return { identifier, name };
  };
  return Array.from({ length: count }, (_, i) => ({
    identifier: `segment-${i}`,
    name: `Segment ${i}`,
    included: Array.from({ length: 10 + random.int(40) }, entry),
    excluded: Array.from({ length: random.int(5) }, entry),
    rules: Array.from({ length: 1 + random.int(3) }, () => attributeClause(random)),
    version: 1,
  }));
}

function createRules(random: SeededRandom, ids: string[], segmentIds: string[]): ServingRule[] {
  return Array.from({ length: random.int(5) }, (_, i) => {
    const clauses = random.chance(0.3)
      ? [{ attribute: '', op: 'segmentMatch', values: [random.pick(segmentIds), random.pick(segmentIds)] }]
      : Array.from({ length: 1 + random.int(2) }, () => attributeClause(random));
    const serve = random.chance(0.2) ? rolloutServe(random, ids) : { variation: random.pick(ids) };
    return { ruleId: `rule-${i}`, priority: i, clauses, serve };
  });
}

function createFlag(
  random: SeededRandom,
  index: number,
  earlier: FeatureConfig[],
  set: RealisticFlagSet,
): FeatureConfig {
  const kind = random.pick(KINDS);
  const values = VALUES[kind]!;
  const ids = kind === 'boolean' ? values : values.map((_, i) => `v${i}`);
  const segmentIds = set.segments.map((segment) => segment.identifier);
  const booleanOn = earlier.filter((flag) => flag.kind === 'boolean');
  return {
    project: 'bench',
    environment: 'bench',
    feature: `flag-${index}`,
    kind,
    state: random.chance(0.8) ? 'on' : 'off',
    variations: ids.map((identifier, i) => ({ identifier, value: values[i]!, name: identifier })),
    rules: createRules(random, ids, segmentIds),
    defaultServe: random.chance(0.4) ? rolloutServe(random, ids) : { variation: ids[ids.length - 1]! },
    offVariation: ids[ids.length - 1]!,
    prerequisites:
      booleanOn.length > 0 && random.chance(0.2)
        ? [{ feature: random.pick(booleanOn).feature, variations: ['true'] }]
        : [],
    variationToTargetMap: random.chance(0.3)
      ? [
          {
            variation: ids[0]!,
            targets: Array.from({ length: 5 + random.int(15) }, () => random.pick(set.targets)).map(
              ({ identifier, name }) => ({
                identifier,
                name,
              }),
            ),
            targetSegments: random.chance(0.5) ? [random.pick(segmentIds)] : [],
          },
        ]
      : [],
    version: 1,
  };
}

/** Creates `flags` flags over `segments` segments and `targets` distinct targets, deterministically. */
export function createRealisticFlagSet(
  random: SeededRandom,
  sizes: { flags: number; segments: number; targets: number },
): RealisticFlagSet {
  const targets = createTargets(random, sizes.targets);
  const set: RealisticFlagSet = { flags: [], segments: createSegments(random, sizes.segments, targets), targets };
  for (let i = 0; i < sizes.flags; i++) set.flags.push(createFlag(random, i, set.flags, set));
  return set;
}
