import { normalizeFeatureConfig, normalizeSegment } from './normalize';
import { parseProxyConfigPage } from './parse-proxy-config-page';

describe('normalizeFeatureConfig', () => {
  it('turns null arrays into [] in place and appends missing ones, keeping unknown fields and order', () => {
    const flag = normalizeFeatureConfig({
      project: 'demo', feature: 'f', rules: null, extra: { a: 1 }, state: 'on',
      variations: [{ identifier: 'true', value: 'true' }], defaultServe: { variation: 'true' }, offVariation: 'false',
    });
    expect(JSON.stringify(flag)).toBe(
      '{"project":"demo","feature":"f","rules":[],"extra":{"a":1},"state":"on","variations":[{"identifier":"true","value":"true"}],"defaultServe":{"variation":"true"},"offVariation":"false","prerequisites":[],"variationToTargetMap":[]}',
    );
  });

  it('normalises null clauses inside rules without touching the input', () => {
    const input = { feature: 'f', rules: [{ priority: 1, clauses: null, serve: { variation: 'a' } }] };
    const flag = normalizeFeatureConfig(input);
    expect(flag?.rules).toEqual([{ priority: 1, clauses: [], serve: { variation: 'a' } }]);
    expect(input.rules[0]?.clauses).toBeNull();
  });

  it('refuses items without a feature identifier', () => {
    expect(normalizeFeatureConfig({ feature: '' })).toBeUndefined();
    expect(normalizeFeatureConfig('x')).toBeUndefined();
  });
});

describe('normalizeSegment', () => {
  it('derives legacy rules from the first clause of each serving rule', () => {
    const c1 = { attribute: 'email', op: 'ends_with', values: ['@example.com'], negate: false };
    const c2 = { attribute: 'plan', op: 'equal', values: ['pro'], negate: false };
    const segment = normalizeSegment({
      identifier: 'beta', name: 'Beta', servingRules: [
        { ruleId: 'r1', priority: 1, clauses: [c1, c2] },
        { ruleId: 'r2', priority: 2, clauses: null },
        { ruleId: 'r3', priority: 3, clauses: [c2] },
      ],
    });
    expect(segment).toEqual({
      identifier: 'beta', name: 'Beta',
      servingRules: [
        { ruleId: 'r1', priority: 1, clauses: [c1, c2] },
        { ruleId: 'r2', priority: 2, clauses: [] },
        { ruleId: 'r3', priority: 3, clauses: [c2] },
      ],
      included: [], excluded: [], rules: [c1, c2],
    });
  });

  it('keeps existing legacy rules', () => {
    const rule = { attribute: 'a', op: 'equal', values: ['x'] };
    expect(normalizeSegment({ identifier: 's', rules: [rule], servingRules: [{ clauses: [{ attribute: 'b' }] }] })?.rules).toEqual([rule]);
  });
});

describe('parseProxyConfigPage', () => {
  it('fails a page that is not an object with an environments array', () => {
    expect(() => parseProxyConfigPage({ itemCount: 1 })).toThrow('environments array');
    expect(() => parseProxyConfigPage('<html>')).toThrow();
  });

  it('skips environments without an id and defaults missing lists', () => {
    const { page, skipped } = parseProxyConfigPage({
      itemCount: 2, pageCount: 1, pageIndex: 0, pageSize: 10,
      environments: [{ apiKeys: ['h'] }, { id: 'env-1', apiKeys: null, featureConfigs: [{ feature: 'f' }, { nope: 1 }] }],
    });
    expect(page.environments).toEqual([
      { id: 'env-1', apiKeys: [], featureConfigs: [{ feature: 'f', rules: [], prerequisites: [], variationToTargetMap: [], variations: [] }], segments: [] },
    ]);
    expect(skipped).toEqual(['environment 0 without an id skipped', 'environment env-1: feature config without a feature identifier skipped']);
  });
});
