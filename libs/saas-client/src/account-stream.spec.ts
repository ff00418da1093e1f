import { createServer, type ServerResponse, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { systemClock } from '@relay/lifecycle';
import { createMetricsRegistry } from '@relay/metrics';
import { runAccountStream, type StreamEnd } from './account-stream';
import { createSaasHttp } from './saas-http-client';
import type { SseBlock } from './sse-parser';

describe('runAccountStream', () => {
  let server: Server;
  let url = '';
  let respond: (res: ServerResponse, headers: Record<string, string | string[] | undefined>) => void = () => undefined;
  beforeAll(async () => {
    server = createServer((req, res) => respond(res, req.headers));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/1.0/stream`;
  });
  afterAll(() => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });

  function run(readTimeoutMs = 2000, signal = new AbortController().signal) {
    const blocks: SseBlock[] = [];
    let connectedAt = -1;
    const http = createSaasHttp({ version: '2.0.0', registry: createMetricsRegistry({ service: 't', version: '0' }) });
    const done: Promise<StreamEnd> = runAccountStream({
      http, url, headers: { 'API-Key': 'pk' }, readTimeoutMs, clock: systemClock, signal,
      onConnected: () => (connectedAt = blocks.length),
      onBlock: (block) => blocks.push(block),
      onOversize: () => undefined,
    });
    return { done, blocks, connectedAt: () => connectedAt };
  }

  it('reports CONNECTED on the first block, then every block, until the server ends it', async () => {
    let seenHeaders: Record<string, string | string[] | undefined> = {};
    respond = (res, headers) => {
      seenHeaders = headers;
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      res.write(':\n\n');
      setTimeout(() => res.end('event: *\nid: 1-0\ndata: {"event":"patch"}\n\n'), 20);
    };
    const stream = run();
    await expect(stream.done).resolves.toEqual({ reason: 'eof' });
    expect(stream.connectedAt()).toBe(0);
    expect(stream.blocks).toEqual([{ data: undefined, id: undefined }, { data: '{"event":"patch"}', id: '1-0' }]);
    expect(seenHeaders['user-agent']).toBe('ff-proxy-ts/2.0.0');
    expect(seenHeaders['api-key']).toBe('pk');
  });

  it('ends a silent stream after the read timeout', async () => {
    respond = (res) => {
      res.writeHead(200);
      res.write(':\n\n');
    };
    await expect(run(200).done).resolves.toEqual({ reason: 'read timeout' });
  });

  it('reports a non-200 status without connecting', async () => {
    respond = (res) => {
      res.writeHead(401);
      res.end();
    };
    const stream = run();
    await expect(stream.done).resolves.toEqual({ reason: 'status', status: 401 });
    expect(stream.connectedAt()).toBe(-1);
  });

  it('closes when aborted', async () => {
    respond = (res) => {
      res.writeHead(200);
      res.write(':\n\n');
    };
    const controller = new AbortController();
    const stream = run(5000, controller.signal);
    setTimeout(() => controller.abort(), 50);
    await expect(stream.done).resolves.toEqual({ reason: 'closed' });
  });

  it('reports a connection error', async () => {
    const http = createSaasHttp({ version: '2', registry: createMetricsRegistry({ service: 't', version: '0' }) });
    const end = await runAccountStream({
      http, url: 'http://127.0.0.1:1/stream', headers: {}, readTimeoutMs: 1000, clock: systemClock,
      signal: new AbortController().signal, onConnected: () => undefined, onBlock: () => undefined, onOversize: () => undefined,
    });
    expect(end.reason).toBe('error');
  });
});
