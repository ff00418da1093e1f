import { connect, type Socket } from 'node:net';
import type { FakeClock } from '@relay/lifecycle/testing';
import {
  createFakeTokenVerifier,
  markSynced,
  openTestStream,
  publishItemChange,
  seedEnvironment,
  startTestFanout,
  waitUntil,
  type TestFanout,
} from './testing';

const ENV = '71716f30-aea0-4271-89b5-cb1c82be4567';
const headers = { Authorization: `Bearer ${createFakeTokenVerifier().tokenFor(ENV, 'key-a')}`, 'API-Key': 'key-a' };
const frameOf = (id: string, identifier: string, version: number) =>
  `id: ${id}\nevent: *\ndata: {"event":"patch","domain":"flag","identifier":"${identifier}","version":${version},"environment":"${ENV}","apiKey":""}\n\n`;
const settle = () => new Promise((resolve) => setTimeout(resolve, 40));

async function start(config: Parameters<typeof startTestFanout>[0] = {}): Promise<{ t: TestFanout; clock: FakeClock }> {
  const t = await startTestFanout(config);
  await seedEnvironment(t.cache, {
    envId: ENV,
    sdkKeys: ['key-a'],
    flags: [{ feature: 'f1', version: 1 }],
    version: 1,
  });
  await markSynced(t.cache);
  await t.replica.configStatus.refresh();
  return { t, clock: t.fakeClock as FakeClock };
}

/** Publishes a flag patch and waits until the role has handled it. */
async function publish(t: TestFanout, identifier: string, version: number): Promise<string> {
  const id = await publishItemChange(t.events, {
    event: 'patch',
    domain: 'flag',
    identifier,
    version,
    environment: ENV,
    envVersion: 1 + version,
  });
  await waitUntil(() => t.replica.changeFeed.lastId() === id, 2000, 'the change feed');
  return id;
}

describe('an accepted stream on the wire (spec/sdk-api.md §8.2, §8.3)', () => {
  let t: TestFanout;
  let clock: FakeClock;
  beforeEach(async () => ({ t, clock } = await start()));
  afterEach(() => t.close());

  it('has exactly the stream headers and starts with the empty comment', async () => {
    const stream = await openTestStream({ port: t.port, headers: { ...headers, 'X-Request-Id': 'req-1' } });
    expect(stream.status).toBe(200);
    const names = Object.keys(stream.headers).sort();
    expect(names).toEqual([
      'access-control-allow-origin',
      'cache-control',
      'connection',
      'content-type',
      'date',
      'transfer-encoding',
      'x-accel-buffering',
      'x-request-id',
    ]);
    expect(stream.headers).toMatchObject({
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      'access-control-allow-origin': '*',
      'x-request-id': 'req-1',
    });
    await stream.waitFor((text) => text === ':\n\n');
    stream.close();
  });

  it('writes each frame as one HTTP chunk, byte for byte', async () => {
    const socket: Socket = connect(t.port, '127.0.0.1');
    let raw = '';
    socket.setEncoding('latin1');
    socket.on('data', (text: string) => (raw += text));
    const request = Object.entries(headers)
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('');
    socket.write(`GET /stream?cluster=1 HTTP/1.1\r\nHost: relay\r\n${request}\r\n`);
    await waitUntil(() => raw.includes('\r\n\r\n3\r\n:\n\n\r\n'), 2000, 'the initial comment');
    expect(raw.startsWith('HTTP/1.1 200 OK\r\n')).toBe(true);
    await clock.advance(250);
    const id = await publish(t, 'f1', 2);
    const frame = frameOf(id, 'f1', 2);
    const chunk = `${Buffer.byteLength(frame).toString(16)}\r\n${frame}\r\n`;
    await waitUntil(() => raw.endsWith(chunk), 2000, 'the frame');
    expect(raw.slice(raw.indexOf('\r\n\r\n') + 4)).toBe(`3\r\n:\n\n\r\n${chunk}`);
    socket.destroy();
  });

  it('relays flag and segment entries with their stream id, in order', async () => {
    const stream = await openTestStream({ port: t.port, headers });
    await stream.waitFor((text) => text === ':\n\n');
    await clock.advance(250);
    const first = await publish(t, 'f1', 2);
    const second = await publishItemChange(t.events, {
      event: 'delete',
      domain: 'target-segment',
      identifier: 's1',
      version: 7,
      environment: ENV,
      envVersion: 4,
    });
    const expected = `:\n\n${frameOf(first, 'f1', 2)}id: ${second}\nevent: *\ndata: {"event":"delete","domain":"target-segment","identifier":"s1","version":7,"environment":"${ENV}","apiKey":""}\n\n`;
    await stream.waitFor((text) => text === expected);
    stream.close();
  });

  it('counts one published message per frame and environment, not per stream', async () => {
    const streams = await Promise.all([
      openTestStream({ port: t.port, headers }),
      openTestStream({ port: t.port, headers }),
    ]);
    await waitUntil(() => t.fanout.connectionCount(ENV) === 2);
    await clock.advance(250);
    const id = await publish(t, 'f1', 2);
    for (const stream of streams) await stream.waitFor((text) => text.endsWith(frameOf(id, 'f1', 2)));
    expect(await t.registry.metrics()).toContain(
      `ff_proxy_replica_to_sdk_sse_producer_messages_published{topic="${ENV}",error="false"} 1`,
    );
    expect(await t.registry.metrics()).toContain(`ff_proxy_sdk_sse_connections{envID="${ENV}"} 2`);
    streams.forEach((stream) => stream.close());
  });
});

describe('write rules (spec/sdk-api.md §8.4)', () => {
  it('holds an event that follows a comment for 250 ms, then writes the queued events in one write', async () => {
    const { t, clock } = await start();
    const stream = await openTestStream({ port: t.port, headers });
    await stream.waitFor((text) => text === ':\n\n');
    await clock.advance(100);
    const first = await publish(t, 'f1', 2);
    const second = await publish(t, 'f2', 1);
    await settle();
    expect(stream.text()).toBe(':\n\n');
    await clock.advance(149);
    await settle();
    expect(stream.text()).toBe(':\n\n');
    await clock.advance(1);
    const both = frameOf(first, 'f1', 2) + frameOf(second, 'f2', 1);
    await stream.waitFor((text) => text === `:\n\n${both}`);
    expect(stream.chunks.map((chunk) => chunk.text)).toEqual([':\n\n', both]);
    const third = await publish(t, 'f1', 3);
    await stream.waitFor((text) => text.endsWith(frameOf(third, 'f1', 3)));
    stream.close();
    await t.close();
  });

  it('writes the heartbeat after SSE_KEEPALIVE_INTERVAL of silence, re-armed by every write', async () => {
    const { t, clock } = await start({ config: { keepAliveIntervalMs: 1000 } });
    const stream = await openTestStream({ port: t.port, headers });
    await stream.waitFor((text) => text === ':\n\n');
    await clock.advance(999);
    await settle();
    expect(stream.text()).toBe(':\n\n');
    await clock.advance(1);
    await stream.waitFor((text) => text === ':\n\n:\n\n');
    await clock.advance(400);
    const id = await publish(t, 'f1', 2);
    await stream.waitFor((text) => text === `:\n\n:\n\n${frameOf(id, 'f1', 2)}`);
    await clock.advance(999);
    await settle();
    expect(stream.text()).toBe(`:\n\n:\n\n${frameOf(id, 'f1', 2)}`);
    await clock.advance(1);
    await stream.waitFor((text) => text.endsWith(`${frameOf(id, 'f1', 2)}:\n\n`));
    stream.close();
    await t.close();
  });

  it('holds frames back for SSE_EVENT_DELAY_MS', async () => {
    const { t, clock } = await start({ config: { eventDelayMs: 500 } });
    const stream = await openTestStream({ port: t.port, headers });
    await stream.waitFor((text) => text === ':\n\n');
    await clock.advance(300);
    const id = await publish(t, 'f1', 2);
    await clock.advance(499);
    await settle();
    expect(stream.text()).toBe(':\n\n');
    await clock.advance(1);
    await stream.waitFor((text) => text === `:\n\n${frameOf(id, 'f1', 2)}`);
    stream.close();
    await t.close();
  });
});

describe('a slow consumer (spec/sdk-api.md §8.4 rule 6)', () => {
  it('is destroyed once more than 1 MiB waits in its response', async () => {
    const { t, clock } = await start();
    const socket: Socket = connect(t.port, '127.0.0.1');
    const request = Object.entries(headers)
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('');
    socket.write(`GET /stream HTTP/1.1\r\nHost: relay\r\n${request}\r\n`);
    let closed = false;
    socket.on('close', () => (closed = true));
    socket.on('error', () => undefined);
    await waitUntil(() => t.fanout.connectionCount(ENV) === 1);
    socket.pause();
    await clock.advance(250);
    const big = 'x'.repeat(256 * 1024);
    for (let i = 0; i < 48 && t.fanout.connectionCount(ENV) > 0; i++) await publish(t, `${big}-${i}`, 1);
    await waitUntil(() => t.fanout.connectionCount(ENV) === 0, 5000, 'the slow consumer to be dropped');
    expect(await t.registry.metrics()).toContain('ff_proxy_sdk_sse_connections_closed_total{reason="slow_consumer"} 1');
    expect(t.logger.find('sse stream closed')[0]).toMatchObject({ reason: 'slow_consumer', envID: ENV });
    socket.resume();
    await waitUntil(() => closed, 2000, 'the socket to close');
    await t.close();
  });
});
