import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMetricsRegistry } from '@relay/metrics';
import type { Clock } from '@relay/lifecycle';
import { createSaasHttp } from './saas-http-client';
import { SaasError } from './saas-errors';

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

async function serve(handler: Handler): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => handler(req, res, body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

function instantClock(waits: number[]): Clock {
  return { now: () => Date.now(), setTimeout: () => ({ refresh: () => undefined }), clearTimeout: () => undefined, sleep: async (ms) => void waits.push(ms) };
}

describe('createSaasHttp', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  it('sends JSON with the user agent and parses the JSON answer', async () => {
    const seen: { headers?: IncomingMessage['headers']; body?: string } = {};
    const s = await serve((req, res, body) => {
      Object.assign(seen, { headers: req.headers, body });
      res.end('{"ok":true}');
    });
    server = s.server;
    const registry = createMetricsRegistry({ service: 't', version: '0' });
    const http = createSaasHttp({ version: '2.0.0', registry });
    await expect(http.request({ method: 'POST', url: `${s.url}/proxy/auth`, headers: {}, body: { proxyKey: 'k' }, route: '/proxy/auth' })).resolves.toEqual({ ok: true });
    expect(seen.headers?.['user-agent']).toBe('ff-proxy-ts/2.0.0');
    expect(seen.headers?.['content-type']).toBe('application/json');
    expect(seen.body).toBe('{"proxyKey":"k"}');
    expect(await registry.metrics()).toContain('ff_proxy_to_client_service_requests{url="/proxy/auth",envID="",code="200"} 1');
  });

  it('retries 5xx, 429 and 408 three times with backoff, honouring Retry-After', async () => {
    const statuses = [503, 429, 408, 200];
    const s = await serve((_req, res) => {
      const status = statuses.shift() ?? 500;
      if (status === 429) res.setHeader('Retry-After', '7');
      res.statusCode = status;
      res.end(status === 200 ? '[]' : 'busy');
    });
    server = s.server;
    const waits: number[] = [];
    const http = createSaasHttp({ version: '2', registry: createMetricsRegistry({ service: 't', version: '0' }), clock: instantClock(waits), random: () => 0.5 });
    await expect(http.request({ method: 'GET', url: s.url, headers: {} })).resolves.toEqual([]);
    expect(waits).toEqual([1000, 7000, 4000]);
  });

  it('gives up after the retries and fails other 4xx at once', async () => {
    let calls = 0;
    const s = await serve((req, res) => {
      calls++;
      res.statusCode = req.url === '/bad' ? 400 : 502;
      res.end();
    });
    server = s.server;
    const http = createSaasHttp({ version: '2', registry: createMetricsRegistry({ service: 't', version: '0' }), clock: instantClock([]) });
    await expect(http.request({ method: 'GET', url: `${s.url}/down`, headers: {} })).rejects.toMatchObject({ status: 502, retryable: true });
    expect(calls).toBe(4);
    await expect(http.request({ method: 'GET', url: `${s.url}/bad`, headers: {} })).rejects.toMatchObject({ status: 400, retryable: false });
    expect(calls).toBe(5);
  });

  it('fails a 200 whose body is not JSON without retrying', async () => {
    const s = await serve((_req, res) => res.end('<html>'));
    server = s.server;
    const http = createSaasHttp({ version: '2', registry: createMetricsRegistry({ service: 't', version: '0' }), clock: instantClock([]) });
    const error = await http.request({ method: 'GET', url: s.url, headers: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SaasError);
    expect((error as SaasError).message).toBe('SaaS answered a body that is not valid JSON');
  });

  it('counts a network error as code error', async () => {
    const registry = createMetricsRegistry({ service: 't', version: '0' });
    const http = createSaasHttp({ version: '2', registry, clock: instantClock([]), retries: 0 });
    await expect(http.request({ method: 'GET', url: 'http://127.0.0.1:1/x', headers: {}, route: '/stream' })).rejects.toMatchObject({ retryable: true });
    expect(await registry.metrics()).toContain('code="error"');
  });
});
