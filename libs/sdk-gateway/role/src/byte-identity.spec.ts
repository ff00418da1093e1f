import request from 'supertest';
import type { HttpServerHandle } from '@relay/http';
import { redisKeys } from '@relay/redis-contract';
import { fixtureEnvironments, referenceBody, seedEnvironment, startGatewayTestbed, type GatewayTestbed, type ReferenceRoute } from './testing';

const ENV = '71716f30-aea0-4271-89b5-cb1c82be4567';

/** The request path of a reference route, with the identifier percent-encoded as the Node SDK does. */
function pathOf(route: ReferenceRoute, andRules: boolean): string {
  const base = `/client/env/${ENV}`;
  const query = (keep: 'rules' | 'servingRules') => (keep === 'servingRules' && andRules ? '?rules=v2' : '?cluster=1');
  switch (route.route) {
    case 'feature-configs':
      return `${base}/feature-configs`;
    case 'feature-config':
      return `${base}/feature-configs/${encodeURIComponent(route.identifier)}`;
    case 'target-segments':
      return `${base}/target-segments${query(route.keep)}`;
    case 'target-segment':
      return `${base}/target-segments/${encodeURIComponent(route.identifier)}${query(route.keep)}`;
  }
}

describe.each(Object.entries(fixtureEnvironments()))('byte identity over HTTP, %s environment', (_name, seed) => {
  const routes: ReferenceRoute[] = [
    { route: 'feature-configs' },
    ...(seed.flags ?? []).map((flag): ReferenceRoute => ({ route: 'feature-config', identifier: flag.feature })),
    ...(['rules', 'servingRules'] as const).flatMap((keep): ReferenceRoute[] => [
      { route: 'target-segments', keep },
      ...(seed.segments ?? []).map((segment): ReferenceRoute => ({ route: 'target-segment', identifier: segment.identifier, keep })),
    ]),
  ];
  let bed: GatewayTestbed;
  let server: HttpServerHandle;
  let token: string;
  afterEach(async () => {
    await server.close();
    await bed.close();
  });

  it.each([false, true])('answers every route like a straight read of its key: cold, warm, fast path and without a version (AND_RULES=%s)', async (andRules) => {
    bed = await startGatewayTestbed({ config: { andRules } });
    server = await bed.listen();
    await seedEnvironment(bed.cache, ENV, { ...seed, sdkKeys: ['k'] });
    token = await bed.tokenFor(ENV, 'k');
    const viaExpress = async (path: string) => (await request(bed.app).get(path).set('Authorization', `Bearer ${token}`)).text;
    const viaSocket = async (path: string) => (await fetch(`http://127.0.0.1:${server.port}${path}`, { headers: { authorization: `Bearer ${token}` } })).text();
    const phases = ['cold', 'warm', 'fast path', 'no version'] as const;
    for (const phase of phases) {
      if (phase === 'no version') {
        // Without a version key nothing may be cached: the next version check drops the snapshot.
        await bed.cache.delete(redisKeys.version(ENV));
        await viaExpress(`/client/env/${ENV}/feature-configs/any`);
        expect(bed.gateway.snapshotCount()).toBe(0);
      }
      for (const route of routes) {
        if (route.route.startsWith('target-segment') && (route as { keep: string }).keep === 'servingRules' && !andRules) continue;
        const expected = await referenceBody(bed.cache, ENV, route);
        const path = pathOf(route, andRules);
        const body = phase === 'fast path' ? await viaSocket(path) : await viaExpress(path);
        expect({ phase, path, body }).toEqual({ phase, path, body: expected });
      }
      if (phase === 'cold') expect(bed.gateway.snapshotCount()).toBe(1);
    }
    expect(bed.gateway.snapshotCount()).toBe(0);
  });

  it('evaluates the same from a snapshot and from the documented keys', async () => {
    bed = await startGatewayTestbed();
    server = await bed.listen();
    await seedEnvironment(bed.cache, ENV, { ...seed, sdkKeys: ['k'] });
    token = await bed.tokenFor(ENV, 'k');
    const targets = ['alice', 'bob', 'carol'].map((identifier) => Buffer.from(JSON.stringify({ identifier, attributes: { email: `${identifier}@example.com`, plan: 'pro' } })).toString('base64'));
    const evaluate = async () =>
      Promise.all(targets.map(async (target) => (await request(bed.app).get(`/client/env/${ENV}/target/x/evaluations`).set('Authorization', `Bearer ${token}`).set('Harness-Target', target).expect(200)).text));
    const fromSnapshot = await evaluate();
    expect(bed.gateway.snapshotCount()).toBe(1);
    await bed.cache.delete(redisKeys.version(ENV));
    expect(await evaluate()).toEqual(fromSnapshot);
    expect(bed.gateway.snapshotCount()).toBe(0);
  });
});
