import { createServer as createHttpServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { Logger } from '@relay/logging';

/** Handles a request without express when it can; returns false to let express handle it. */
export type FastPath = (req: IncomingMessage, res: ServerResponse) => boolean;

/** A fast path trying each of `paths` in order (the all-in-one serves both roles' fast paths). */
export function combineFastPaths(...paths: readonly FastPath[]): FastPath {
  return (req, res) => paths.some((path) => path(req, res));
}

/** Options of {@link listen}. */
export interface ListenOptions {
  /** Port (env `PORT`); 0 picks a free one. */
  port: number;
  /** Interface to bind. Default all interfaces. */
  host?: string;
  /** PEM certificate and key: HTTPS on the same port (env `TLS_ENABLED`). */
  tls?: { cert: string; key: string };
  logger: Logger;
  /** Tried before the app for every request (the snapshot-served GET routes). */
  fastPath?: FastPath;
}

/** A listening server; closing stops accepting, waits for open responses, then drops what is left. */
export interface HttpServerHandle {
  readonly server: Server;
  /** The bound port (useful with port 0). */
  readonly port: number;
  prepareClose(): void;
  close(): Promise<void>;
}

/** Server settings of spec/sdk-api.md §2 (header size for `Harness-Target`, timeouts, no delay). */
export const SERVER_SETTINGS = {
  maxHeaderSize: 327_680,
  keepAliveTimeout: 65_000,
  headersTimeout: 30_000,
  requestTimeout: 30_000,
  noDelay: true,
} as const;

/** Starts an HTTP(S) server for `app` with the settings of spec/sdk-api.md §2. */
export async function listen(app: RequestListener, options: ListenOptions): Promise<HttpServerHandle> {
  const handler: RequestListener = options.fastPath
    ? (req, res) => {
        if (!options.fastPath?.(req, res)) app(req, res);
      }
    : app;
  const server: Server = options.tls
    ? (createHttpsServer({ ...SERVER_SETTINGS, cert: options.tls.cert, key: options.tls.key }, handler) as unknown as Server)
    : createHttpServer({ maxHeaderSize: SERVER_SETTINGS.maxHeaderSize, noDelay: true, requestTimeout: SERVER_SETTINGS.requestTimeout }, handler);
  server.keepAliveTimeout = SERVER_SETTINGS.keepAliveTimeout;
  server.headersTimeout = SERVER_SETTINGS.headersTimeout;
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  options.logger.info('http server listening', { port, tls: options.tls !== undefined });
  const closed = new Promise<void>((resolve) => server.once('close', () => resolve()));
  let accepting = true;
  const stopAccepting = () => {
    if (!accepting) return;
    accepting = false;
    server.close();
    server.closeIdleConnections();
  };
  return {
    server,
    port,
    prepareClose: stopAccepting,
    async close() {
      stopAccepting();
      const idleTimer = setInterval(() => server.closeIdleConnections(), 100);
      idleTimer.unref();
      await closed;
      clearInterval(idleTimer);
      for (const socket of sockets) socket.destroy();
    },
  };
}
