import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdminRequestHandler } from './admin-request-handler';
import { saasError, writeResponse } from './emulator-response';
import { createEmulatorStore, type EmulatorStore } from './emulator-store';
import { createFaultTable } from './fault-table';
import { createProxyTokens } from './proxy-tokens';
import { readRequestBody } from './read-request-body';
import { createRequestLog } from './request-log';
import { createSaasEmulatorAdmin } from './saas-emulator-admin';
import type { SaasEmulator, SaasEmulatorOptions } from './saas-emulator-options';
import { createSaasRequestHandler } from './saas-request-handler';
import { seedEmulatorStore } from './seed-emulator-store';
import { createStreamHub } from './stream-hub';
import { createPendingRequests } from './pending-requests';

/** Request bodies above this size get 413 (metrics batches are at most 1 MiB, spec/saas-api.md §6.4). */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

function seeded(now: () => number, state: unknown): EmulatorStore {
  const store = createEmulatorStore(now);
  seedEmulatorStore(store, state);
  return store;
}

/**
 * Starts the SaaS emulator of spec/saas-api.md §10 on `host:port`: the SaaS API under `/api/1.0` and the
 * admin API under `/admin`. Rejects when the options or the initial state are invalid or the port is taken.
 */
export async function startSaasEmulator(options: SaasEmulatorOptions = {}): Promise<SaasEmulator> {
  const now = options.now ?? Date.now;
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  if (!(heartbeatMs >= 100)) throw new RangeError(`heartbeatMs must be at least 100 (got ${heartbeatMs})`);
  let store = seeded(now, options.state);
  const deps = {
    store: () => store,
    now,
    tokens: createProxyTokens({
      secret: options.jwtSecret ?? randomBytes(32).toString('hex'),
      now,
      account: options.account ?? 'acc-123',
      cluster: options.cluster ?? '1',
      organization: options.organization ?? 'org-1',
      ttlSeconds: options.tokenTtlSeconds,
    }),
    account: options.account ?? 'acc-123',
    cluster: options.cluster ?? '1',
    organization: options.organization ?? 'org-1',
    rejectedKeyStatus: options.rejectedKeyStatus ?? 401,
    hub: createStreamHub({
      heartbeatMs,
      isValid: (key) => store.keys.isValid(key),
      covers: (key, environment) => store.keys.scope(key).includes(environment),
    }),
    faults: createFaultTable(),
    requests: createRequestLog(options.maxRecordedRequests),
    logger: options.logger,
    reset: (state: unknown) => {
      store = seeded(now, state); // built completely before it replaces the old state
    },
    ...createPendingRequests(),
  };
  const handleSaas = createSaasRequestHandler(deps);
  const handleAdmin = createAdminRequestHandler(deps);
  const logRequest = requestLogger(options);

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    req.on('error', () => undefined);
    res.on('error', () => undefined);
    const url = new URL(req.url ?? '/', 'http://emulator');
    logRequest(req, res, url);
    const rawBody = await readRequestBody(req, MAX_BODY_BYTES);
    if (rawBody === undefined) return writeResponse(res, saasError(413, 'request body too large or unreadable'));
    if (url.pathname === '/admin' || url.pathname.startsWith('/admin/')) {
      return handleAdmin({ method: (req.method ?? 'GET').toUpperCase(), url, rawBody, res });
    }
    await handleSaas({ req, res, url, rawBody });
  }

  const server = createServer({ noDelay: true }, (req, res) => {
    onRequest(req, res).catch((error: unknown) => {
      options.logger?.error('saas emulator request failed', { err: error });
      if (!res.headersSent) writeResponse(res, saasError(500, 'emulator failure'));
      else res.destroy();
    });
  });
  server.on('clientError', (_error, socket) => socket.destroy());
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });

  const { port } = server.address() as AddressInfo;
  const urlHost = host === '0.0.0.0' || host === '::' || host === '' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const baseUrl = `http://${urlHost}:${port}`;
  let closed: Promise<void> | undefined;
  return {
    port,
    baseUrl,
    clientServiceUrl: `${baseUrl}/api/1.0`,
    metricServiceUrl: `${baseUrl}/api/1.0`,
    admin: createSaasEmulatorAdmin(baseUrl),
    close() {
      closed ??= new Promise<void>((resolve) => {
        deps.hub.closeAll();
        deps.releaseAll();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}

function requestLogger(options: SaasEmulatorOptions): (req: IncomingMessage, res: ServerResponse, url: URL) => void {
  if (options.logRequests !== true) return () => undefined;
  const log =
    options.logger === undefined
      ? (fields: Record<string, unknown>) => process.stdout.write(`${JSON.stringify({ msg: 'saas request', ...fields })}\n`)
      : (fields: Record<string, unknown>) => options.logger!.info('saas request', fields);
  return (req, res, url) => {
    if (url.pathname.startsWith('/admin')) return;
    res.on('close', () => log({ method: req.method, path: url.pathname, status: res.statusCode }));
  };
}
