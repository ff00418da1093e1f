import { createServer, request, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startDevRouter, type DevRouter } from './start-dev-router';

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

async function waitFor(check: () => boolean, ms = 3000): Promise<void> {
  for (const until = Date.now() + ms; !check(); ) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** An upstream on port 0 that records what it got and answers with `respond`. */
async function upstream(respond: (req: IncomingMessage, res: ServerResponse, seen: Seen) => void) {
  const seen: Seen[] = [];
  const server: Server = createServer({ maxHeaderSize: 327_680 }, (req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const entry = { method: req.method!, url: req.url!, headers: req.headers, body };
      seen.push(entry);
      respond(req, res, entry);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { seen, server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

function call(port: number, method: string, path: string, headers: Record<string, string | string[]> = {}, body?: string) {
  return new Promise<{ status: number; headers: IncomingHttpHeaders; rawHeaders: string[]; text: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, rawHeaders: res.rawHeaders, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('startDevRouter', () => {
  let gateway: Awaited<ReturnType<typeof upstream>>;
  let fanout: Awaited<ReturnType<typeof upstream>>;
  let router: DevRouter;
  let slowClosed = false;
  const fanoutStreams: ServerResponse[] = [];

  beforeEach(async () => {
    gateway = await upstream((_req, res, seen) => {
      if (seen.url === '/slow') return void res.on('close', () => (slowClosed = true)); // never answers
      res.writeHead(seen.url.startsWith('/client/auth') ? 401 : 200, { 'Content-Type': 'application/json', 'X-Request-Id': 'r-1' });
      res.end(JSON.stringify({ who: 'gateway', url: seen.url }));
    });
    fanout = await upstream((_req, res) => {
      fanoutStreams.push(res);
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', 'X-Accel-Buffering': 'no', 'Access-Control-Allow-Origin': '*' });
      res.flushHeaders();
      res.write(':\n\n');
    });
    router = await startDevRouter({ port: 0, host: '127.0.0.1', sdkGatewayUrl: gateway.url, sseFanoutUrl: fanout.url });
  });

  afterEach(async () => {
    await router.close();
    fanoutStreams.splice(0).forEach((res) => res.destroy());
    for (const { server } of [gateway, fanout]) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('sends exactly /stream (any method, any query) to sse-fanout and everything else to sdk-gateway', async () => {
    const streamCalls = [['GET', '/stream?cluster=1'], ['POST', '/stream'], ['OPTIONS', '/stream']] as const;
    for (const [method, path] of streamCalls) {
      const req = request({ host: '127.0.0.1', port: router.port, method, path });
      req.on('error', () => undefined); // destroyed below, possibly before the response started
      req.end();
      await waitFor(() => fanout.seen.some((seen) => seen.method === method && seen.url === path));
      req.destroy();
    }
    for (const path of ['/stream/', '/streams', '/client/env/e/feature-configs?cluster=1', '/health']) {
      expect(JSON.parse((await call(router.port, 'GET', path)).text)).toEqual({ who: 'gateway', url: path });
    }
    expect(fanout.seen.map((seen) => seen.url)).toEqual(streamCalls.map(([, path]) => path));
  });

  it('keeps the status, the headers both ways and the request body', async () => {
    const response = await call(router.port, 'POST', '/client/auth', { 'Content-Type': 'application/json', 'Harness-SDK-Info': 'NodeJS 1.8.12 Server', 'X-Multi': ['a', 'b'] }, '{"apiKey":"k"}');
    expect(response.status).toBe(401);
    expect(response.headers['x-request-id']).toBe('r-1');
    expect(response.headers['content-type']).toBe('application/json');
    const [seen] = gateway.seen;
    expect(seen).toMatchObject({ method: 'POST', url: '/client/auth', body: '{"apiKey":"k"}' });
    expect(seen!.headers).toMatchObject({ 'content-type': 'application/json', 'harness-sdk-info': 'NodeJS 1.8.12 Server', 'x-multi': 'a, b' });
  });

  it('accepts and forwards a 256 KiB Harness-Target header', async () => {
    const target = Buffer.alloc(262_143, 'a').toString();
    const response = await call(router.port, 'GET', '/client/env/e/target/t/evaluations', { 'Harness-Target': target });
    expect(response.status).toBe(200);
    expect(gateway.seen[0]!.headers['harness-target']).toBe(target);
  });

  it('drops the upstream request when the client leaves before the answer, and keeps serving', async () => {
    slowClosed = false;
    const req = request({ host: '127.0.0.1', port: router.port, path: '/slow' });
    req.on('error', () => undefined);
    req.end();
    await waitFor(() => gateway.seen.some((seen) => seen.url === '/slow'));
    req.destroy();
    await waitFor(() => slowClosed);
    expect((await call(router.port, 'GET', '/health')).status).toBe(200);
  });

  it('answers 502 when an upstream is not listening', async () => {
    gateway.server.closeAllConnections();
    await new Promise((resolve) => gateway.server.close(resolve));
    gateway.server = createServer(); // afterEach closes this one instead
    const response = await call(router.port, 'GET', '/health');
    expect(response.status).toBe(502);
    expect(JSON.parse(response.text).error).toMatch(/^bad gateway: sdk-gateway unreachable/);
  });
});

describe('startDevRouter with an SSE stream', () => {
  let fanoutRes: ServerResponse | undefined;
  let fanoutClosed = false;
  let fanout: Server;
  let router: DevRouter;

  beforeEach(async () => {
    fanoutClosed = false;
    fanout = createServer((_req, res) => {
      fanoutRes = res;
      res.on('close', () => (fanoutClosed = true));
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
      res.flushHeaders();
      res.write(':\n\n');
    });
    await new Promise<void>((resolve) => fanout.listen(0, '127.0.0.1', resolve));
    const fanoutUrl = `http://127.0.0.1:${(fanout.address() as AddressInfo).port}`;
    router = await startDevRouter({ port: 0, host: '127.0.0.1', sdkGatewayUrl: 'http://127.0.0.1:9', sseFanoutUrl: fanoutUrl });
  });

  afterEach(async () => {
    await router.close();
    fanout.closeAllConnections();
    await new Promise((resolve) => fanout.close(resolve));
  });

  function openStream() {
    const chunks: string[] = [];
    const state = { ended: false, response: undefined as IncomingMessage | undefined };
    const req = request({ host: '127.0.0.1', port: router.port, path: '/stream?cluster=1', headers: { Accept: 'text/event-stream' } }, (res) => {
      state.response = res;
      res.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
      res.on('end', () => (state.ended = true));
      res.on('error', () => undefined); // the tests destroy the request to leave
    });
    req.on('error', () => undefined);
    req.end();
    return { req, chunks, state, text: () => chunks.join('') };
  }

  it('relays every frame byte for byte as soon as it is written, never a partial frame', async () => {
    const stream = openStream();
    await waitFor(() => stream.text() === ':\n\n'); // the initial comment arrives before anything else is written
    expect(stream.state.response!.headers).toMatchObject({ 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'x-accel-buffering': 'no' });
    const frame = (n: number) => `id: 1700000000000-${n}\nevent: *\ndata: {"event":"patch","domain":"flag","identifier":"f${n}","version":${n},"environment":"e","apiKey":""}\n\n`;
    fanoutRes!.write(frame(1));
    await waitFor(() => stream.text() === `:\n\n${frame(1)}`);
    fanoutRes!.write(frame(2) + frame(3));
    await waitFor(() => stream.text().endsWith(frame(3)));
    const split = frame(4);
    fanoutRes!.write(split.slice(0, 60));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stream.text().endsWith(frame(3))).toBe(true);
    fanoutRes!.write(split.slice(60));
    await waitFor(() => stream.text().endsWith(frame(4)));
    expect(stream.text()).toBe(`:\n\n${frame(1)}${frame(2)}${frame(3)}${frame(4)}`);
    expect(stream.chunks.every((chunk) => chunk.endsWith('\n\n'))).toBe(true);
    stream.req.destroy();
  });

  it('closes the sse-fanout side when the SDK goes away, and ends the SDK side when sse-fanout ends', async () => {
    const first = openStream();
    await waitFor(() => first.text() === ':\n\n');
    first.req.destroy();
    await waitFor(() => fanoutClosed);
    const second = openStream();
    await waitFor(() => second.text() === ':\n\n');
    fanoutRes!.end();
    await waitFor(() => second.state.ended);
  });
});
