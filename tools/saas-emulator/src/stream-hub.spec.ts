import type { SaasEmulator } from './saas-emulator-options';
import { startSaasEmulator } from './start-saas-emulator';
import { authenticate, ENV_A, ENV_B, flagInput, specState } from './testing/emulator-fixtures';
import { openTestStream, type TestStream } from './testing/open-test-stream';

describe('GET /stream', () => {
  let emulator: SaasEmulator;
  const streams: TestStream[] = [];
  const connect = async (key: string, heads: Record<string, string> = {}) => {
    const stream = await openTestStream(emulator.baseUrl, {
      Authorization: `Bearer ${await authenticate(emulator, key)}`,
      'API-Key': key,
      ...heads,
    });
    streams.push(stream);
    return stream;
  };
  beforeEach(async () => {
    emulator = await startSaasEmulator({ state: specState() });
  });
  afterEach(async () => {
    streams.splice(0).forEach((stream) => stream.close());
    await emulator.close();
  });

  it('answers 200 text/event-stream and writes ":\\n\\n" at once', async () => {
    const stream = await connect('key-a');
    expect(stream.status).toBe(200);
    expect(stream.headers['content-type']).toBe('text/event-stream');
    expect(stream.headers['cache-control']).toBe('no-cache');
    await stream.waitFor((s) => s.chunks.length > 0);
    expect(stream.chunks[0]).toBe(':\n\n');
    expect(await emulator.admin.streamCount('key-a')).toBe(1);
  });

  it('writes each event as one frame in one write', async () => {
    const stream = await connect('key-a');
    await stream.waitFor((s) => s.chunks.length === 1);
    const flag = await emulator.admin.putFlag(ENV_A, flagInput('f1', { state: 'on' }));
    await stream.waitFor((s) => s.chunks.length === 2);
    const event = { event: 'patch', domain: 'flag', identifier: 'f1', version: flag.version, environment: ENV_A };
    expect(stream.chunks[1]).toBe(`event: *\ndata: ${JSON.stringify(event)}\n\n`);
  });

  it('carries the events of every environment of the key on one connection', async () => {
    const stream = await connect('key-ab');
    await emulator.admin.putFlag(ENV_A, flagInput('fa'));
    await emulator.admin.putFlag(ENV_B, flagInput('fb'));
    await stream.waitFor((s) => s.events().length === 2);
    expect(stream.events()).toEqual([
      expect.objectContaining({ identifier: 'fa', environment: ENV_A }),
      expect.objectContaining({ identifier: 'fb', environment: ENV_B }),
    ]);
  });

  it('sends heartbeats every heartbeatMs', async () => {
    const fast = await startSaasEmulator({ state: specState(), heartbeatMs: 100 });
    const token = await authenticate(fast, 'key-a');
    const openedAt = Date.now();
    const stream = await openTestStream(fast.baseUrl, { Authorization: `Bearer ${token}`, 'API-Key': 'key-a' });
    await stream.waitFor((s) => s.comments() >= 4);
    expect(Date.now() - openedAt).toBeGreaterThanOrEqual(290); // the first comment, then three heartbeats 100 ms apart
    expect(stream.chunks.every((chunk) => /^(:\n\n)+$/.test(chunk))).toBe(true);
    await fast.close();
    expect(await stream.ended).toBe('end');
  });

  it('answers 401 without a valid token and 403 when API-Key is not the key of the token', async () => {
    const token = await authenticate(emulator, 'key-a');
    const noToken = await openTestStream(emulator.baseUrl, { 'API-Key': 'key-a' });
    const otherKey = await openTestStream(emulator.baseUrl, { Authorization: `Bearer ${token}`, 'API-Key': 'key-ab' });
    const noKey = await openTestStream(emulator.baseUrl, { Authorization: `Bearer ${token}` });
    expect([noToken.status, otherKey.status, noKey.status]).toEqual([401, 403, 403]);
    expect(await emulator.admin.streamCount()).toBe(0);
  });

  it('ends every open stream when the emulator closes', async () => {
    const first = await connect('key-a');
    const second = await connect('key-c');
    expect(await emulator.admin.streamCount()).toBe(2);
    await emulator.close();
    expect(await first.ended).toBe('end');
    expect(await second.ended).toBe('end');
  });

  it('forgets streams the client closed', async () => {
    const stream = await connect('key-a');
    stream.close();
    await waitUntil(async () => (await emulator.admin.streamCount()) === 0);
  });
});

async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('faults of GET /stream', () => {
  let emulator: SaasEmulator;
  let token: string;
  const streams: TestStream[] = [];
  const connect = async () => {
    const stream = await openTestStream(emulator.baseUrl, { Authorization: `Bearer ${token}`, 'API-Key': 'key-a' });
    streams.push(stream);
    return stream;
  };
  beforeEach(async () => {
    emulator = await startSaasEmulator({ state: specState(), heartbeatMs: 100 });
    token = await authenticate(emulator, 'key-a');
  });
  afterEach(async () => {
    streams.splice(0).forEach((stream) => stream.close());
    await emulator.close();
  });

  it('status answers the status instead of the stream', async () => {
    await emulator.admin.setFault({ target: 'stream', mode: 'status', status: 503, count: 1 });
    expect((await connect()).status).toBe(503);
    expect((await connect()).status).toBe(200);
  });

  it('delay opens the stream after delayMs', async () => {
    await emulator.admin.setFault({ target: 'stream', mode: 'delay', delayMs: 150, count: 1 });
    const startedAt = Date.now();
    const stream = await connect();
    expect([stream.status, Date.now() - startedAt >= 145]).toEqual([200, true]);
  });

  it('drop cuts an open stream in the middle of a frame, then new streams for the rest of count', async () => {
    const open = await connect();
    await open.waitFor((s) => s.chunks.length > 0);
    expect(await emulator.admin.setFault({ target: 'stream', mode: 'drop', count: 2 })).toBe(1);
    expect(await open.ended).toBe('error');
    expect(open.chunks.join('')).toMatch(/^:\n\n(:\n\n)*event: \*\ndata: \{"event":"patch","domain":"fl$/);
    const next = await connect();
    expect([next.status, await next.ended]).toEqual([200, 'error']);
    const third = await connect();
    await third.waitFor((s) => s.comments() >= 2);
    expect(third.isOpen()).toBe(true);
  });

  it('silence stops every byte of an open stream, heartbeats and events included, while keeping it open', async () => {
    const open = await connect();
    await open.waitFor((s) => s.comments() >= 2);
    expect(await emulator.admin.setFault({ target: 'stream', mode: 'silence' })).toBe(1);
    const received = open.chunks.length;
    expect(await emulator.admin.sendEvent({ event: 'patch' })).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect([open.chunks.length, open.isOpen()]).toEqual([received, true]);
    expect(await emulator.admin.streamCount('key-a')).toBe(1);
    const fresh = await connect(); // the fault has no count: new streams are silent from the start
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect([fresh.status, fresh.chunks]).toEqual([200, []]);
  });

  it('malformed writes one data line that is not JSON to open and new streams, which stay open', async () => {
    const open = await connect();
    await open.waitFor((s) => s.chunks.length > 0);
    expect(await emulator.admin.setFault({ target: 'stream', mode: 'malformed', count: 2 })).toBe(1);
    const fresh = await connect();
    for (const stream of [open, fresh]) {
      await stream.waitFor((s) => s.events().length === 1);
      expect(stream.events()).toEqual(['{"event":"patch","domain":']);
    }
    await emulator.admin.sendEvent({ ok: true });
    await fresh.waitFor((s) => s.events().length === 2);
    expect(await emulator.admin.faults()).toEqual([]);
  });
});
