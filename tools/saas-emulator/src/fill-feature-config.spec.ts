import { fillFeatureConfig } from './fill-feature-config';
import { fillSegment } from './fill-segment';
import { flagInput, segmentInput } from './testing/emulator-fixtures';

const env = { id: 'env-1', identifier: 'dev', project: 'p1' };

describe('fillFeatureConfig', () => {
  it('writes the SaaS field order, fills every array and the environment fields, keeps unknown fields before version', () => {
    const input = {
      extra: 'kept',
      ...flagInput('f', { rules: [{ priority: 2, clauses: null as never, serve: { variation: 'true' } }] }),
    };
    const flag = fillFeatureConfig(input, env, 'f', 7);
    expect(Object.keys(flag)).toEqual([
      'project',
      'environment',
      'feature',
      'state',
      'kind',
      'variations',
      'rules',
      'defaultServe',
      'offVariation',
      'prerequisites',
      'variationToTargetMap',
      'extra',
      'version',
    ]);
    expect(flag).toMatchObject({
      project: 'p1',
      environment: 'dev',
      feature: 'f',
      version: 7,
      prerequisites: [],
      variationToTargetMap: [],
    });
    expect(flag.rules).toEqual([{ priority: 2, clauses: [], serve: { variation: 'true' } }]);
  });

  it('fills clause values and negate', () => {
    const clause = { attribute: 'a', op: 'in', values: null };
    const flag = fillFeatureConfig(
      flagInput('f', { rules: [{ priority: 1, clauses: [clause as never], serve: {} }] }),
      env,
      'f',
      1,
    );
    expect(flag.rules![0]!.clauses).toEqual([{ attribute: 'a', op: 'in', values: [], negate: false }]);
  });

  it.each([
    [{ ...flagInput('g') }, /does not match the path/],
    [flagInput('f', { state: 'enabled' }), /state/],
    [flagInput('f', { kind: 3 as never }), /kind/],
    [flagInput('f', { defaultServe: 'true' as never }), /defaultServe/],
    [flagInput('f', { offVariation: undefined as never }), /offVariation/],
    [flagInput('f', { variations: {} as never }), /variations must be an array/],
    [flagInput('f', { prerequisites: [{ variations: [] } as never] }), /prerequisites\[0\]\.feature/],
    [flagInput('f', { rules: [{ clauses: [], serve: {} } as never] }), /rules\[0\]\.priority/],
    [
      flagInput('f', {
        rules: [{ priority: 1, clauses: [{ attribute: 'a', op: 'in', values: [1] }], serve: {} } as never],
      }),
      /values\[0\]/,
    ],
    ['flag', /object/],
  ])('rejects %j', (input, message) => {
    expect(() => fillFeatureConfig(input, env, 'f', 1)).toThrow(message);
  });
});

describe('fillSegment', () => {
  it('fills name, environment, every array and target names, and keeps both rule forms', () => {
    const segment = fillSegment({ identifier: 's', included: [{ identifier: 'u1' }], rules: null }, env, 's', 3);
    expect(segment).toEqual({
      identifier: 's',
      name: 's',
      environment: 'dev',
      included: [{ identifier: 'u1', name: 'u1' }],
      excluded: [],
      rules: [],
      servingRules: [],
      version: 3,
    });
    expect(Object.keys(fillSegment({ ...segmentInput('s'), tags: null, createdAt: 5 }, env, 's', 1))).toEqual([
      'identifier',
      'name',
      'environment',
      'tags',
      'included',
      'excluded',
      'rules',
      'servingRules',
      'createdAt',
      'version',
    ]);
  });

  it.each([
    [{ identifier: 'other' }, /does not match/],
    [{ servingRules: [{ priority: 1, clauses: [] }] }, /ruleId/],
    [{ included: [{ name: 'x' }] }, /included\[0\]\.identifier/],
    [{ name: 5 }, /name/],
  ])('rejects %j', (input, message) => {
    expect(() => fillSegment(input, env, 's', 1)).toThrow(message);
  });
});
