import type { FeatureConfig, Segment } from '@relay/flag-model';
import type { EnvironmentSeed } from './seed-environment';
import { booleanFlag, jsonFlag, segmentFixture, segmentRuleFlag } from './fixtures';

/** A flag with unknown fields, escapes and non-ASCII text, kept as SaaS sent them. */
function unusualFlag(feature: string): FeatureConfig {
  return booleanFlag(feature, {
    kind: 'string',
    variations: [
      { identifier: 'a', value: 'line\nbreak "quoted" \\ back\u2028slash', name: 'Grüße 👋' },
      { identifier: 'b', value: '', name: 'Empty' },
    ],
    defaultServe: { distribution: { bucketBy: 'identifier', variations: [{ variation: 'a', weight: 50 }, { variation: 'b', weight: 50 }] } },
    offVariation: 'b',
    tags: [{ name: 'Ünïcødé', identifier: 'u' }],
    customField: { nested: [1, 2.5, null, true, -0.001, 1e21] },
    version: 42,
  });
}

/** A segment as an older writer stored it: legacy `rules` only, no `servingRules` property. */
function legacySegment(identifier: string): Segment {
  const { servingRules: _dropped, ...segment } = segmentFixture(identifier, { name: 'Légacy <segment> & co' });
  return segment;
}

/**
 * Environments with the shapes the byte-identity tests run over: a typical one, one with unusual
 * identifiers and values, an AND-rules one and an empty one.
 */
export function fixtureEnvironments(): Record<string, EnvironmentSeed> {
  return {
    typical: {
      flags: [booleanFlag('bool-flag1'), jsonFlag('json-flag'), segmentRuleFlag('gold-flag', 'beta-users')],
      segments: [segmentFixture('beta-users')],
    },
    unusual: {
      flags: [unusualFlag('flag/with/slash'), unusualFlag('flag with space'), unusualFlag('ümlaut'), booleanFlag('plain', { state: 'off' })],
      segments: [legacySegment('legacy'), segmentFixture('seg%20x', { excluded: [{ identifier: 'bob', name: 'Bob' }], rules: [] }), segmentFixture('Ω')],
    },
    andRules: {
      flags: [segmentRuleFlag('served-by-and', 'pro-users'), booleanFlag('other', { version: 3 })],
      segments: [segmentFixture('pro-users', { included: [] }), segmentFixture('second', { servingRules: [] })],
    },
    empty: {},
  };
}
