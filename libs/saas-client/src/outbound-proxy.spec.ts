import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMetricsRegistry } from '@relay/metrics';
import { proxyFor } from './outbound-proxy';
import { createSaasHttp } from './saas-http-client';

const listen = (server: Server) =>
  new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));

/** A forward proxy that records what it was asked for: absolute-URL requests and CONNECT tunnels. */
function createForwardProxy(seen: string[]): Server {
  const proxy = createServer((req, res) => {
    seen.push(`${req.method} ${req.url} auth=${req.headers['proxy-authorization'] ?? ''}`);
    const target = new URL(req.url ?? '');
    const upstream = httpRequest({ host: target.hostname, port: target.port, path: target.pathname, method: req.method, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    req.pipe(upstream);
  });
  proxy.on('connect', (req, socket) => {
    seen.push(`CONNECT ${req.url} auth=${req.headers['proxy-authorization'] ?? ''}`);
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host, () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
  });
  return proxy;
}

describe('proxyFor', () => {
  it('picks HTTPS_PROXY for https targets and honours NO_PROXY', () => {
    const options = { httpsProxy: 'http://proxy:3128', httpProxy: 'http://plain:8080', noProxy: 'internal.example.com,.corp' };
    expect(proxyFor('https://config.ff.harness.io/api/1.0', options)?.host).toBe('proxy:3128');
    expect(proxyFor('http://events.example/api', options)?.host).toBe('plain:8080');
    expect(proxyFor('https://internal.example.com/x', options)).toBeUndefined();
    expect(proxyFor('https://a.corp/x', options)).toBeUndefined();
    expect(proxyFor('https://x', { noProxy: '*' })).toBeUndefined();
    expect(proxyFor('https://x', undefined)).toBeUndefined();
  });
});

describe('requests through an outbound proxy', () => {
  const servers: Server[] = [];
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'relay-tls-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost'], { stdio: 'ignore' });
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends http targets to the proxy with absolute URLs and credentials', async () => {
    const seen: string[] = [];
    const target = createServer((_req, res) => res.end('{"via":"proxy"}'));
    const proxy = createForwardProxy(seen);
    servers.push(target, proxy);
    const [targetPort, proxyPort] = [await listen(target), await listen(proxy)];
    const http = createSaasHttp({ version: '2', registry: createMetricsRegistry({ service: 't', version: '0' }), proxy: { httpProxy: `http://u:p@127.0.0.1:${proxyPort}` } });
    await expect(http.request({ method: 'GET', url: `http://127.0.0.1:${targetPort}/api/1.0/x`, headers: {} })).resolves.toEqual({ via: 'proxy' });
    expect(seen).toEqual([`GET http://127.0.0.1:${targetPort}/api/1.0/x auth=Basic ${Buffer.from('u:p').toString('base64')}`]);
  });

  it('tunnels https targets with CONNECT and verifies the host certificate', async () => {
    const seen: string[] = [];
    const target = createHttpsServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (_req, res) => res.end('{"tls":true}'));
    const proxy = createForwardProxy(seen);
    servers.push(target as unknown as Server, proxy);
    const targetPort = await listen(target as unknown as Server);
    const proxyPort = await listen(proxy);
    const http = createSaasHttp({ version: '2', registry: createMetricsRegistry({ service: 't', version: '0' }), proxy: { httpsProxy: `http://127.0.0.1:${proxyPort}` }, retries: 0 });
    // The self-signed certificate is not trusted: the TLS check happens end to end through the tunnel.
    await expect(http.request({ method: 'GET', url: `https://localhost:${targetPort}/x`, headers: {} })).rejects.toThrow(/self-signed|certificate/);
    expect(seen).toEqual([`CONNECT localhost:${targetPort} auth=`]);
  });
});
