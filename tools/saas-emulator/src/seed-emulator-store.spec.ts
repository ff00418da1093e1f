import { createEmulatorStore } from './emulator-store';
import { seedEmulatorStore } from './seed-emulator-store';
import { ENV_A, ENV_B, flagInput, segmentInput, specState } from './testing/emulator-fixtures';

const seeded = (state: unknown) => {
  const store = createEmulatorStore(() => 0);
  seedEmulatorStore(store, state);
  return store;
};

describe('seedEmulatorStore', () => {
  it('fills a store whose snapshot is the state as served', () => {
    const store = seeded(specState());
    const snapshot = store.snapshot();
    expect(snapshot.environments).toEqual(specState().environments);
    expect(snapshot.proxyKeys).toEqual(specState().proxyKeys);
    expect(snapshot.flags![ENV_A]).toEqual([
      expect.objectContaining({ feature: 'f1', project: 'p1', environment: 'dev', version: 1 }),
    ]);
    expect(snapshot.flags![ENV_B]).toEqual([expect.objectContaining({ feature: 'f2', environment: 'prod' })]);
    expect(seeded(snapshot).snapshot()).toEqual(snapshot); // a snapshot is a valid reset body
  });

  it('keeps seeded versions and counts on from them', () => {
    const store = seeded({
      environments: [{ id: ENV_A, identifier: 'dev', project: 'p1' }],
      flags: { [ENV_A]: [flagInput('f', { version: 5 })] },
      segments: { [ENV_A]: [segmentInput('s', { version: 9 })] },
    });
    expect(store.flags(ENV_A)[0]!.version).toBe(5);
    expect(store.putFlag(ENV_A, 'f', flagInput('f')).flag.version).toBe(6);
    expect(store.putSegment(ENV_A, 's', segmentInput('s')).segment.version).toBe(10);
  });

  it('accepts an empty or absent state', () => {
    expect(seeded(undefined).snapshot()).toEqual({
      environments: [],
      proxyKeys: [],
      sdkKeys: {},
      flags: {},
      segments: {},
    });
    expect(seeded({}).snapshot().environments).toEqual([]);
  });

  it.each([
    ['[]', [], /state must be an object/],
    [
      'a duplicate environment',
      {
        environments: [
          { id: 'e', identifier: 'd', project: 'p' },
          { id: 'e', identifier: 'd', project: 'p' },
        ],
      },
      /twice/,
    ],
    [
      'an empty identifier',
      { environments: [{ id: 'e', identifier: '', project: 'p' }] },
      /identifier must not be empty/,
    ],
    ['an empty proxy key', { proxyKeys: [{ key: '', environments: [] }] }, /key must not be empty/],
    [
      'a flag without feature',
      { environments: [{ id: 'e', identifier: 'd', project: 'p' }], flags: { e: [{}] } },
      /feature/,
    ],
    [
      'a bad version',
      { environments: [{ id: 'e', identifier: 'd', project: 'p' }], flags: { e: [flagInput('f', { version: 0 })] } },
      /version/,
    ],
    ['SDK keys of an unknown environment', { sdkKeys: { x: ['k'] } }, /unknown environment x/],
    ['flags not keyed by environment', { flags: [] }, /keyed by environment/],
  ])('rejects %s', (_name, state, message) => {
    expect(() => seeded(state)).toThrow(message);
  });
});
