import { createEvaluator } from '@relay/flag-evaluator';
import { createSeededRandom } from '@relay/flag-evaluator/testing';
import { createRealisticFlagSet } from './realistic-flag-set';

describe('createRealisticFlagSet', () => {
  const set = createRealisticFlagSet(createSeededRandom(1), { flags: 50, segments: 20, targets: 500 });
  const flags = new Map(set.flags.map((flag) => [flag.feature, flag]));
  const segments = new Map(set.segments.map((segment) => [segment.identifier, segment]));
  const lookups = {
    getFlag: (id: string) => flags.get(id),
    getSegment: (id: string) => segments.get(id),
    andRules: false,
  };

  it('creates the requested sizes with distinct target identifiers', () => {
    expect([set.flags.length, set.segments.length, set.targets.length]).toEqual([50, 20, 500]);
    expect(new Set(set.targets.map((target) => target.identifier)).size).toBe(500);
  });

  it('creates flags that evaluate without failures and split targets between variations', () => {
    const evaluator = createEvaluator();
    const served = new Map<string, Set<string>>();
    for (const target of set.targets) {
      const { evaluations, failures } = evaluator.evaluateAll(set.flags, target, lookups);
      expect(failures).toEqual([]);
      for (const item of evaluations) served.set(item.flag, (served.get(item.flag) ?? new Set()).add(item.identifier));
    }
    const split = [...served.values()].filter((ids) => ids.size > 1).length;
    expect(split).toBeGreaterThan(set.flags.length / 2);
  });
});
