import { redisKeys } from '@relay/redis-contract';
import { createMemoryStore } from '@relay/store';
import { fixtureEnvironments, referenceBody, seedEnvironment, type ReferenceRoute } from '../testing';
import { createDirectReads, readEnvironment } from './direct-reads';
import type { EnvironmentSnapshot } from './environment-snapshot';
import type { SegmentVariant } from './segment-variant';

const ENV = '71716f30-aea0-4271-89b5-cb1c82be4567';
const variants: SegmentVariant[] = ['rules', 'servingRules'];

function fromSnapshot(snapshot: EnvironmentSnapshot, request: ReferenceRoute): string | undefined {
  const body = (() => {
    switch (request.route) {
      case 'feature-configs':
        return snapshot.featureConfigsBody();
      case 'feature-config':
        return snapshot.featureConfigBody(request.identifier);
      case 'target-segments':
        return snapshot.segmentsBody(request.keep);
      case 'target-segment':
        return snapshot.segmentBody(request.identifier, request.keep);
    }
  })();
  return body?.toString('utf8');
}

describe.each(Object.entries(fixtureEnvironments()))('given the %s environment', (_name, seed) => {
  const flagIds = [...(seed.flags ?? []).map((flag) => flag.feature), 'unknown-flag'];
  const segmentIds = [...(seed.segments ?? []).map((segment) => segment.identifier), 'unknown-segment'];
  const requests: ReferenceRoute[] = [
    { route: 'feature-configs' },
    ...flagIds.map((identifier): ReferenceRoute => ({ route: 'feature-config', identifier })),
    ...variants.map((keep): ReferenceRoute => ({ route: 'target-segments', keep })),
    ...variants.flatMap((keep) => segmentIds.map((identifier): ReferenceRoute => ({ route: 'target-segment', identifier, keep }))),
  ];

  it('answers every route from the snapshot with the bytes of a straight read of the documented key', async () => {
    const { cache } = createMemoryStore();
    const version = await seedEnvironment(cache, ENV, seed);
    const snapshot = await readEnvironment(cache, ENV, { version, andRules: false });
    for (const request of requests) {
      const expected = await referenceBody(cache, ENV, request);
      expect({ request, body: fromSnapshot(snapshot, request) }).toEqual({ request, body: expected });
      // A second call serves the kept derived body: still the same bytes.
      expect(fromSnapshot(snapshot, request)).toBe(expected);
    }
  });

  it('answers every route on the slow path with the same bytes', async () => {
    const { cache } = createMemoryStore();
    await seedEnvironment(cache, ENV, seed);
    const direct = createDirectReads(cache, false);
    for (const request of requests) {
      const expected = await referenceBody(cache, ENV, request);
      const body = await (request.route === 'feature-configs'
        ? direct.featureConfigs(ENV)
        : request.route === 'feature-config'
          ? direct.featureConfig(ENV, request.identifier)
          : request.route === 'target-segments'
            ? direct.segments(ENV, request.keep)
            : direct.segment(ENV, request.identifier, request.keep));
      expect({ request, body }).toEqual({ request, body: expected });
    }
  });
});

describe('environment snapshot', () => {
  it('keeps the version read before the data, the meta, and the flags in list order', async () => {
    const { cache } = createMemoryStore();
    const seed = fixtureEnvironments()['typical']!;
    const version = await seedEnvironment(cache, ENV, seed);
    const snapshot = await readEnvironment(cache, ENV, { version, andRules: true });
    expect(snapshot.version).toBe(version);
    expect(snapshot.meta).toEqual({ environmentID: ENV, environmentIdentifier: 'dev', accountID: 'acc-123' });
    expect(snapshot.flags.map((flag) => flag.feature)).toEqual(seed.flags?.map((flag) => flag.feature));
    expect(snapshot.lookups.andRules).toBe(true);
    expect(snapshot.lookups.getSegment('beta-users')?.identifier).toBe('beta-users');
  });

  it('counts each derived body once, when it is first built', async () => {
    const { cache } = createMemoryStore();
    const version = await seedEnvironment(cache, ENV, fixtureEnvironments()['typical']);
    let built = 0;
    const snapshot = await readEnvironment(cache, ENV, { version, andRules: false, onDerivedBuilt: () => (built += 1) });
    snapshot.featureConfigsBody();
    expect(built).toBe(0);
    snapshot.segmentsBody('rules');
    snapshot.segmentsBody('rules');
    snapshot.featureConfigBody('bool-flag1');
    snapshot.featureConfigBody('missing');
    expect(built).toBe(2);
    expect(snapshot.derivedBuilds()).toBe(2);
  });

  it('refuses a list that is not a JSON array as bad data', async () => {
    const { cache } = createMemoryStore();
    await seedEnvironment(cache, ENV, fixtureEnvironments()['typical']);
    await cache.set(redisKeys.segments(ENV), '{"not":"a list"}');
    await expect(readEnvironment(cache, ENV, { version: '1', andRules: false })).rejects.toThrow('is not a JSON array');
  });
});
