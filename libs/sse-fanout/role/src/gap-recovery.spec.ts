import type { FakeClock } from '@relay/lifecycle/testing';
import { redisKeys, streamNames, type RedisKey } from '@relay/redis-contract';
import {
  createFakeTokenVerifier,
  markSynced,
  openTestStream,
  publishItemChange,
  seedEnvironment,
  startTestFanout,
  waitUntil,
  type TestFanout,
  type TestStreamClient,
} from './testing';

const ENV = '71716f30-aea0-4271-89b5-cb1c82be4567';
const OTHER = '0f0e0d0c-0000-4000-8000-000000000002';
const headers = { Authorization: `Bearer ${createFakeTokenVerifier().tokenFor(ENV, 'key-a')}`, 'API-Key': 'key-a' };
const INTERVAL_MS = 1000;
const recovery = (event: string, domain: string, identifier: string, version: number) =>
  `event: *\ndata: {"event":"${event}","domain":"${domain}","identifier":"${identifier}","version":${version},"environment":"${ENV}","apiKey":""}\n\n`;
const settle = () => new Promise((resolve) => setTimeout(resolve, 40));

describe('gap recovery and revalidation (spec/redis-contract.md §7.3, §7.4; spec/sdk-api.md §8.6)', () => {
  let t: TestFanout;
  let clock: FakeClock;
  let stream: TestStreamClient;

  const invalidations = async (reason: string) =>
    Number(
      new RegExp(`ff_proxy_cache_invalidations_total\\{reason="${reason}"\\} (\\d+)`).exec(
        await t.registry.metrics(),
      )?.[1] ?? 0,
    );
  /** The change saas-sync made while this process did not see its entries. */
  const changeBehindOurBack = () =>
    seedEnvironment(t.cache, {
      envId: ENV,
      sdkKeys: ['key-a'],
      flags: [
        { feature: 'f1', version: 2 },
        { feature: 'f3', version: 1 },
      ],
      segments: [{ identifier: 's1', version: 4 }],
      version: 101,
    });

  beforeEach(async () => {
    t = await startTestFanout({ config: { revalidateIntervalMs: INTERVAL_MS } });
    clock = t.fakeClock as FakeClock;
    await seedEnvironment(t.cache, {
      envId: ENV,
      sdkKeys: ['key-a'],
      flags: [
        { feature: 'f1', version: 1 },
        { feature: 'f2', version: 1 },
      ],
      segments: [{ identifier: 's1', version: 4 }],
      version: 100,
    });
    await markSynced(t.cache);
    await t.replica.configStatus.refresh();
    stream = await openTestStream({ port: t.port, headers });
    await stream.waitFor((text) => text === ':\n\n');
    await waitUntil(() => t.logger.find('environment loaded').length === 1);
  });
  afterEach(async () => {
    stream.close();
    await t.close();
  });

  it('after a gap, writes patch frames for every item and delete frames for vanished ones, one interval later, without id lines', async () => {
    const seen = await publishItemChange(t.events, {
      event: 'patch',
      domain: 'flag',
      identifier: 'x',
      version: 1,
      environment: OTHER,
      envVersion: 7,
    });
    await waitUntil(() => t.replica.changeFeed.lastId() === seen);
    await changeBehindOurBack();
    await t.cache.delete(streamNames.sseEvents as string as RedisKey); // Redis flushed: entries were lost
    expect(await t.replica.changeFeed.checkGap()).toBe(true);
    await waitUntil(() => t.logger.find('events gap detected').length === 1);
    await settle();
    expect(await invalidations('gap')).toBe(1);
    await clock.advance(INTERVAL_MS - 1);
    await settle();
    expect(stream.text()).toBe(':\n\n');
    await clock.advance(1);
    const frames =
      recovery('patch', 'flag', 'f1', 2) +
      recovery('patch', 'flag', 'f3', 1) +
      recovery('delete', 'flag', 'f2', 1) +
      recovery('patch', 'target-segment', 's1', 4);
    await stream.waitFor((text) => text === `:\n\n${frames}`);
    expect(stream.text()).not.toContain('id:');
  });

  it('recovers an environment whose version changed without an entry, found by the revalidation tick', async () => {
    await changeBehindOurBack();
    await clock.advance(INTERVAL_MS);
    await settle();
    expect(await invalidations('revalidation')).toBe(1);
    expect(stream.text()).toBe(':\n\n');
    await clock.advance(INTERVAL_MS);
    await stream.waitFor((text) => text.includes(recovery('delete', 'flag', 'f2', 1)));
    await clock.advance(2 * INTERVAL_MS);
    await settle();
    expect(await invalidations('revalidation')).toBe(1);
  });

  it('does nothing while the version key is missing', async () => {
    await t.cache.delete(redisKeys.version(ENV));
    await clock.advance(3 * INTERVAL_MS);
    await settle();
    expect(await invalidations('revalidation')).toBe(0);
    expect(stream.text()).toBe(':\n\n');
  });

  it('keeps the recorded version from entries, so announced changes are not recovered again', async () => {
    await changeBehindOurBack();
    const id = await publishItemChange(t.events, {
      event: 'create',
      domain: 'flag',
      identifier: 'f3',
      version: 1,
      environment: ENV,
      envVersion: 101,
    });
    await waitUntil(() => t.replica.changeFeed.lastId() === id);
    await clock.advance(3 * INTERVAL_MS);
    await settle();
    expect(await invalidations('revalidation')).toBe(0);
    expect(stream.text()).toBe(
      `:\n\nid: ${id}\nevent: *\ndata: {"event":"create","domain":"flag","identifier":"f3","version":1,"environment":"${ENV}","apiKey":""}\n\n`,
    );
  });
});
