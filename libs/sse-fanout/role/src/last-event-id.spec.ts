import type { FakeClock } from '@relay/lifecycle/testing';
import { createMemoryStore, type EventStream } from '@relay/store';
import {
  createFakeTokenVerifier,
  markSynced,
  openTestStream,
  publishItemChange,
  publishProxyChange,
  seedEnvironment,
  startTestFanout,
  waitUntil,
  type TestFanout,
} from './testing';

const ENV_A = '71716f30-aea0-4271-89b5-cb1c82be4567';
const ENV_B = '0f0e0d0c-0000-4000-8000-000000000002';
const headers = { Authorization: `Bearer ${createFakeTokenVerifier().tokenFor(ENV_A, 'key-a')}`, 'API-Key': 'key-a' };
const frame = (id: string, identifier: string, domain = 'flag') =>
  `id: ${id}\nevent: *\ndata: {"event":"patch","domain":"${domain}","identifier":"${identifier}","version":1,"environment":"${ENV_A}","apiKey":""}\n\n`;
const patch = (
  events: EventStream,
  environment: string,
  identifier: string,
  domain: 'flag' | 'target-segment' = 'flag',
  maxLen?: number,
) => publishItemChange(events, { event: 'patch', domain, identifier, version: 1, environment, envVersion: 5 }, maxLen);

async function start(events?: (inner: EventStream) => EventStream): Promise<TestFanout> {
  const memory = createMemoryStore();
  const t = await startTestFanout({
    store: { cache: memory.cache, events: events ? events(memory.events) : memory.events },
  });
  await seedEnvironment(t.cache, { envId: ENV_A, sdkKeys: ['key-a'], version: 1 });
  await markSynced(t.cache);
  await t.replica.configStatus.refresh();
  return t;
}

async function liveAfter(t: TestFanout, identifier: string): Promise<string> {
  const id = await patch(t.events, ENV_A, identifier);
  await waitUntil(() => t.replica.changeFeed.lastId() === id);
  return id;
}

describe('resuming with Last-Event-ID (spec/sdk-api.md §8.7)', () => {
  it('replays the flag and segment entries of its environment after the id, before any live frame', async () => {
    const t = await start();
    const e1 = await patch(t.events, ENV_A, 'f1');
    const e2 = await patch(t.events, ENV_B, 'other');
    await publishProxyChange(t.events, { event: 'environmentsAdded', environments: [ENV_A] });
    const e4 = await patch(t.events, ENV_A, 's1', 'target-segment');
    const e5 = await patch(t.events, ENV_A, 'f2');
    await waitUntil(() => t.replica.changeFeed.lastId() === e5);
    const stream = await openTestStream({ port: t.port, headers: { ...headers, 'Last-Event-ID': e1 } });
    await stream.waitFor((text) => text === ':\n\n');
    await (t.fakeClock as FakeClock).advance(250);
    await stream.waitFor((text) => text === `:\n\n${frame(e4, 's1', 'target-segment')}${frame(e5, 'f2')}`);
    expect(stream.text()).not.toContain(e2);
    const live = await liveAfter(t, 'f3');
    await stream.waitFor((text) => text.endsWith(frame(live, 'f3')));
    stream.close();
    await t.close();
  });

  it('loses nothing and sends nothing twice while switching from replay to live', async () => {
    const during: string[] = [];
    const t = await start((inner) => ({
      ...inner,
      info: (stream) => inner.info(stream),
      async rangeAfter(stream, afterId, count) {
        // One entry arrives before the range is read (the read sees it), one after (only live has it).
        during.push(await patch(inner, ENV_A, 'before-read'));
        const page = await inner.rangeAfter(stream, afterId, count);
        during.push(await patch(inner, ENV_A, 'after-read'));
        await waitUntil(() => t.replica.changeFeed.lastId() === during[1]);
        return page;
      },
    }));
    const start1 = await patch(t.events, ENV_A, 'f1');
    const missed = await patch(t.events, ENV_A, 'f2');
    await waitUntil(() => t.replica.changeFeed.lastId() === missed);
    const stream = await openTestStream({ port: t.port, headers: { ...headers, 'Last-Event-ID': start1 } });
    await (t.fakeClock as FakeClock).advance(250);
    const expected = `:\n\n${frame(missed, 'f2')}${frame(during[0]!, 'before-read')}${frame(during[1]!, 'after-read')}`;
    await stream.waitFor((text) => text === expected);
    stream.close();
    await t.close();
  });

  it('replays nothing for an id older than the first entry still in the stream', async () => {
    const t = await start();
    const trimmed = await patch(t.events, ENV_A, 'f1', 'flag', 2);
    await patch(t.events, ENV_A, 'f2', 'flag', 2);
    const kept = await patch(t.events, ENV_A, 'f3', 'flag', 2);
    await waitUntil(() => t.replica.changeFeed.lastId() === kept);
    const stream = await openTestStream({ port: t.port, headers: { ...headers, 'Last-Event-ID': trimmed } });
    await (t.fakeClock as FakeClock).advance(250);
    const live = await liveAfter(t, 'f4');
    await stream.waitFor((text) => text === `:\n\n${frame(live, 'f4')}`);
    stream.close();
    await t.close();
  });

  it.each(['garbage', '', '1700000000000', '-1-0', '1-2-3'])(
    'accepts the stream and replays nothing for Last-Event-ID %j',
    async (lastEventId) => {
      const t = await start();
      await patch(t.events, ENV_A, 'f1');
      const stream = await openTestStream({ port: t.port, headers: { ...headers, 'Last-Event-ID': lastEventId } });
      expect(stream.status).toBe(200);
      await (t.fakeClock as FakeClock).advance(250);
      const live = await liveAfter(t, 'f2');
      await stream.waitFor((text) => text === `:\n\n${frame(live, 'f2')}`);
      stream.close();
      await t.close();
    },
  );
});
