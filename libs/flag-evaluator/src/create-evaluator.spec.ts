import type { FeatureConfig, Segment } from '@relay/flag-model';
import { createEvaluator, evaluate, evaluateAll } from './create-evaluator';
import type { EvaluationLookups } from './evaluation-types';
import { toEvaluation } from './to-evaluation';

function makeFlag(feature: string, fields: Partial<FeatureConfig> = {}): FeatureConfig {
  return {
    project: 'p',
    environment: 'e',
    feature,
    kind: 'string',
    state: 'on',
    variations: [
      { identifier: 'yes', value: 'Y' },
      { identifier: 'no', value: 'N' },
    ],
    rules: [],
    defaultServe: { variation: 'yes' },
    offVariation: 'no',
    prerequisites: [],
    variationToTargetMap: [],
    ...fields,
  };
}

function lookupsOf(flags: FeatureConfig[], segments: Segment[] = [], andRules = false): EvaluationLookups {
  const byFlag = new Map(flags.map((flag) => [flag.feature, flag]));
  const bySegment = new Map(segments.map((segment) => [segment.identifier, segment]));
  return { getFlag: (id) => byFlag.get(id), getSegment: (id) => bySegment.get(id), andRules };
}

const user = { identifier: 'user1', name: 'User 1', attributes: { plan: 'pro' } };

describe('createEvaluator', () => {
  describe('evaluateAll', () => {
    it('returns items in flag order with the raw variation string and lists failed flags', () => {
      const flags = [
        makeFlag('b-json', { kind: 'json', variations: [{ identifier: 'yes', value: '{"a":1}' }] }),
        makeFlag('a-broken', { offVariation: 'ghost', state: 'off' }),
        makeFlag('c-odd-kind', { kind: 'yaml' }),
      ];
      const result = createEvaluator().evaluateAll(flags, user, lookupsOf(flags));
      expect(result).toEqual({
        evaluations: [
          { flag: 'b-json', identifier: 'yes', kind: 'json', value: '{"a":1}' },
          { flag: 'c-odd-kind', identifier: 'yes', kind: 'yaml', value: 'Y' },
        ],
        failures: [{ flag: 'a-broken', reason: 'variation ghost not found' }],
      });
    });

    it('lists a flag that is not an object as a failure instead of throwing', () => {
      const flags = [null, 5, makeFlag('ok')] as unknown as FeatureConfig[];
      const result = evaluateAll(flags, user, lookupsOf([]));
      expect(result.evaluations.map((item) => item.flag)).toEqual(['ok']);
      expect(result.failures).toEqual([
        { flag: '', reason: 'malformed flag' },
        { flag: '', reason: 'malformed flag' },
      ]);
    });
  });

  describe('given malformed data', () => {
    it('turns a throwing lookup into a failure', () => {
      const flag = makeFlag('f', { prerequisites: [{ feature: 'x', variations: ['yes'] }] });
      const lookups: EvaluationLookups = {
        getFlag: () => {
          throw new Error('boom');
        },
        getSegment: () => undefined,
        andRules: false,
      };
      expect(evaluate(flag, user, lookups)).toEqual({ ok: false, reason: 'evaluation error: boom' });
    });

    it('skips segments that are not objects and ignores target fields of the wrong type', () => {
      const flag = makeFlag('f', {
        rules: [
          { priority: 1, clauses: [{ attribute: '', op: 'segmentMatch', values: ['s'] }], serve: { variation: 'no' } },
        ],
      });
      const lookups: EvaluationLookups = {
        getFlag: () => undefined,
        getSegment: () => 7 as unknown as Segment,
        andRules: true,
      };
      const target = { identifier: 42, name: null, attributes: [1, 2] } as unknown as typeof user;
      expect(evaluate(flag, target, lookups)).toMatchObject({ ok: true, variation: { identifier: 'yes' } });
    });

    it('fails instead of throwing on an attribute that cannot be written as JSON', () => {
      const cyclic: Record<string, unknown> = {};
      cyclic.self = cyclic;
      const flag = makeFlag('f', {
        rules: [{ priority: 1, clauses: [{ attribute: 'c', op: 'equal', values: ['x'] }], serve: { variation: 'no' } }],
      });
      const result = evaluate(flag, { identifier: 'u', name: 'u', attributes: { c: cyclic } }, lookupsOf([flag]));
      expect(result).toEqual({ ok: false, reason: expect.stringContaining('evaluation error') });
    });
  });

  it('sorts a copy of the rules, leaving the stored flag untouched', () => {
    const rules = [
      { priority: 2, clauses: [], serve: { variation: 'yes' } },
      { priority: 1, clauses: [], serve: { variation: 'no' } },
    ];
    const flag = makeFlag('f', { rules });
    const before = JSON.stringify(flag);
    expect(evaluate(flag, user, lookupsOf([flag]))).toMatchObject({ ok: true, variation: { identifier: 'no' } });
    expect(JSON.stringify(flag)).toBe(before);
  });

  describe('prerequisite chains', () => {
    // f0 needs f1 needs … f(n-1); the last has no prerequisites and serves "yes".
    function chain(length: number): FeatureConfig[] {
      return Array.from({ length }, (_, i) =>
        makeFlag(`f${i}`, { prerequisites: i + 1 < length ? [{ feature: `f${i + 1}`, variations: ['yes'] }] : [] }),
      );
    }

    it.each([
      [64, 'yes'],
      [65, 'no'],
      [5000, 'no'],
    ])('with %i flags serves %s (the chain guard stops at 64)', (length, expected) => {
      const flags = chain(length);
      const result = evaluate(flags[0]!, user, lookupsOf(flags));
      expect(result).toMatchObject({ ok: true, variation: { identifier: expected } });
    });
  });

  describe('nested segments', () => {
    // s1's rule is segmentMatch s2, …; the last segment includes user1.
    function nested(depth: number): Segment[] {
      return Array.from({ length: depth }, (_, i) => ({
        identifier: `s${i + 1}`,
        name: `s${i + 1}`,
        included: i + 1 === depth ? [{ identifier: 'user1', name: 'User 1' }] : [],
        rules: i + 1 < depth ? [{ attribute: '', op: 'segmentMatch', values: [`s${i + 2}`] }] : [],
      }));
    }

    it.each([
      [16, 'no'],
      [17, 'yes'],
    ])('with %i levels serves %s (deeper than 16 is not a member)', (depth, expected) => {
      const flag = makeFlag('f', {
        rules: [
          { priority: 1, clauses: [{ attribute: '', op: 'segmentMatch', values: ['s1'] }], serve: { variation: 'no' } },
        ],
      });
      const result = evaluate(flag, user, lookupsOf([flag], nested(depth)));
      expect(result).toMatchObject({ ok: true, variation: { identifier: expected } });
    });
  });

  it('answers a pathological match pattern against a 100 000-character attribute', () => {
    const flag = makeFlag('f', {
      rules: [
        { priority: 1, clauses: [{ attribute: 'long', op: 'match', values: ['(a+)+$'] }], serve: { variation: 'no' } },
      ],
    });
    const target = { identifier: 'u', name: 'u', attributes: { long: `${'a'.repeat(100_000)}!` } };
    const evaluator = createEvaluator();
    expect(evaluator.evaluate(flag, target, lookupsOf([flag]))).toMatchObject({ variation: { identifier: 'yes' } });
    target.attributes.long = 'a'.repeat(100_000);
    expect(evaluator.evaluate(flag, target, lookupsOf([flag]))).toMatchObject({ variation: { identifier: 'no' } });
  });
});

describe('toEvaluation', () => {
  it('builds the response item from the flag and the variation', () => {
    const flag = makeFlag('f', { kind: 'int' });
    expect(toEvaluation(flag, { identifier: 'yes', value: '12', name: 'twelve' })).toEqual({
      flag: 'f',
      identifier: 'yes',
      kind: 'int',
      value: '12',
    });
  });
});
