import type { FeatureConfig, Segment } from '@relay/flag-model';

/** A stored (normalised) boolean flag: `on` serves `true`, `off` serves `false`. */
export function booleanFlag(feature: string, overrides: Partial<FeatureConfig> = {}): FeatureConfig {
  return {
    project: 'demo',
    environment: 'dev',
    feature,
    state: 'on',
    kind: 'boolean',
    variations: [
      { identifier: 'true', value: 'true', name: 'True' },
      { identifier: 'false', value: 'false', name: 'False' },
    ],
    defaultServe: { variation: 'true' },
    offVariation: 'false',
    version: 1,
    rules: [],
    prerequisites: [],
    variationToTargetMap: [],
    ...overrides,
  };
}

/** A stored JSON flag whose values are raw JSON strings (decision 10). */
export function jsonFlag(feature: string, overrides: Partial<FeatureConfig> = {}): FeatureConfig {
  return booleanFlag(feature, {
    kind: 'json',
    variations: [
      { identifier: 'v1', value: '{"a":1,"nested":{"b":[true,"ü"]}}', name: 'One' },
      { identifier: 'v2', value: '{}', name: 'Empty' },
    ],
    defaultServe: { variation: 'v1' },
    offVariation: 'v2',
    ...overrides,
  });
}

/** A stored string flag serving `gold` to members of `segment`, `plain` otherwise. */
export function segmentRuleFlag(feature: string, segment: string, overrides: Partial<FeatureConfig> = {}): FeatureConfig {
  return booleanFlag(feature, {
    kind: 'string',
    variations: [
      { identifier: 'gold', value: 'gold', name: 'Gold' },
      { identifier: 'plain', value: 'plain', name: 'Plain' },
    ],
    defaultServe: { variation: 'plain' },
    offVariation: 'plain',
    rules: [{ ruleId: 'r1', priority: 1, clauses: [{ attribute: '', op: 'segmentMatch', values: [segment] }], serve: { variation: 'gold' } }],
    ...overrides,
  });
}

/**
 * A stored (normalised) segment with both `rules` (legacy, ORed) and `servingRules` (ANDed): members are
 * `alice`, plus targets whose email ends with `@example.com` (legacy) or that also have `plan` = `pro`
 * (with `AND_RULES`).
 */
export function segmentFixture(identifier: string, overrides: Partial<Segment> = {}): Segment {
  const email = { attribute: 'email', op: 'ends_with', values: ['@example.com'], negate: false };
  const plan = { attribute: 'plan', op: 'equal', values: ['pro'], negate: false };
  return {
    identifier,
    name: `Segment ${identifier}`,
    environment: 'dev',
    version: 7,
    included: [{ identifier: 'alice', name: 'Alice', account: '', org: '', environment: 'dev', project: 'demo' }],
    excluded: [],
    rules: [email],
    servingRules: [{ ruleId: 'sr1', priority: 1, clauses: [email, plan] }],
    ...overrides,
  };
}
