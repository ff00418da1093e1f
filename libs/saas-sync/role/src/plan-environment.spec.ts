import { toStoredItem, type EnvironmentState } from './environment-state';
import { planEnvironment } from './plan-environment';

const ENV = '71716f30-aea0-4271-89b5-cb1c82be4567';
const flag = (feature: string, version?: number, extra: object = {}) => toStoredItem(feature, { feature, ...(version === undefined ? {} : { version }), ...extra });
const segment = (identifier: string, version: number) => toStoredItem(identifier, { identifier, version });
const state = (partial: Partial<EnvironmentState>): EnvironmentState => ({
  envId: ENV, apiKeys: [], flags: [], segments: [], targets: [], meta: { environmentID: ENV }, ...partial,
});
const ops = (plan: ReturnType<typeof planEnvironment>) => plan.phases.map((phase) => phase.map((op) => (op.op === 'set' ? `SET ${op.key}` : `DEL ${op.key}`)));

describe('planEnvironment', () => {
  it('writes every key of a new environment in the documented order, announcing nothing per item', () => {
    const plan = planEnvironment(undefined, state({ apiKeys: ['bb', 'aa'], flags: [flag('f1', 1)], segments: [segment('s1', 1)] }));
    expect(ops(plan)).toEqual([
      ['SET auth-key-aa', 'SET auth-key-bb', `SET env-${ENV}-api-configs`],
      [`SET env-${ENV}-feature-configs-f1`],
      [`SET env-${ENV}-feature-configs`],
      [`SET env-${ENV}-segments-s1`],
      [`SET env-${ENV}-segments`],
      [`SET env-${ENV}-meta`],
    ]);
    expect(plan.phases[0]?.[2]).toEqual({ op: 'set', key: `env-${ENV}-api-configs`, value: '["auth-key-aa","auth-key-bb"]' });
    expect(plan.phases[0]?.[0]).toEqual({ op: 'set', key: 'auth-key-aa', value: `"${ENV}"` });
    expect(plan.itemChanges).toEqual([]);
    expect(plan.addedApiKeys).toEqual([]);
  });

  it('writes and announces only what changed, keeping unchanged items byte for byte in the list', () => {
    const before = state({ flags: [flag('a', 1), flag('b', 1, { old: true }), flag('c', 1)], meta: { environmentID: ENV } });
    const desired = state({ flags: [flag('b', 1, { reformatted: true }), flag('a', 2), flag('d', 1)] });
    const plan = planEnvironment(before, desired);
    expect(ops(plan)).toEqual([
      [`SET env-${ENV}-feature-configs-a`, `SET env-${ENV}-feature-configs-d`],
      [`SET env-${ENV}-feature-configs`],
      [`DEL env-${ENV}-feature-configs-c`],
    ]);
    const list = plan.phases[1]?.[0];
    expect(list).toEqual({ op: 'set', key: `env-${ENV}-feature-configs`, value: '[{"feature":"b","version":1,"old":true},{"feature":"a","version":2},{"feature":"d","version":1}]' });
    expect(plan.itemChanges).toEqual([
      { event: 'patch', domain: 'flag', identifier: 'a', version: 2 },
      { event: 'create', domain: 'flag', identifier: 'd', version: 1 },
      { event: 'delete', domain: 'flag', identifier: 'c', version: 1 },
    ]);
  });

  it('compares JSON when a version is missing, and does nothing when nothing changed', () => {
    const before = state({ flags: [flag('x', undefined, { state: 'on' })] });
    expect(planEnvironment(before, state({ flags: [flag('x', undefined, { state: 'on' })] })).phases).toEqual([]);
    expect(planEnvironment(before, state({ flags: [flag('x', undefined, { state: 'off' })] })).itemChanges).toEqual([
      { event: 'patch', domain: 'flag', identifier: 'x', version: 0 },
    ]);
  });

  it('deletes the list key when the last item goes, never writing []', () => {
    const plan = planEnvironment(state({ segments: [segment('s', 3)] }), state({}));
    expect(ops(plan)).toEqual([[`DEL env-${ENV}-segments`], [`DEL env-${ENV}-segments-s`]]);
    expect(plan.itemChanges).toEqual([{ event: 'delete', domain: 'target-segment', identifier: 's', version: 3 }]);
  });

  it('adds and removes SDK keys, deleting api-configs with the last one', () => {
    const added = planEnvironment(state({ apiKeys: ['aa'] }), state({ apiKeys: ['aa', 'bb'] }));
    expect(ops(added)).toEqual([['SET auth-key-bb', `SET env-${ENV}-api-configs`]]);
    expect(added.addedApiKeys).toEqual(['bb']);
    const removed = planEnvironment(state({ apiKeys: ['aa'] }), state({}));
    expect(ops(removed)).toEqual([['DEL auth-key-aa', `DEL env-${ENV}-api-configs`]]);
    expect(removed.removedApiKeys).toEqual(['aa']);
  });

  it('rewrites meta only when it changed', () => {
    const plan = planEnvironment(state({}), state({ meta: { environmentID: ENV, accountID: 'acc' } }));
    expect(ops(plan)).toEqual([[`SET env-${ENV}-meta`]]);
  });
});
