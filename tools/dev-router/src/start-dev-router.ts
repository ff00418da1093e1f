import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SERVER_SETTINGS } from '@relay/http';
import { createDevRouter } from './create-dev-router';
import type { DevRouterConfig } from './read-dev-router-config';

/** A listening dev router. */
export interface DevRouter {
  /** The bound port (useful with `port: 0`). */
  port: number;
  /** `http://<host>:<port>`: the base URL to give SDKs. */
  baseUrl: string;
  /** Stops listening and drops every connection, open SSE streams included. */
  close(): Promise<void>;
}

/**
 * Starts the dev router on `config.host:config.port` with the server settings of spec/sdk-api.md §2
 * (`maxHeaderSize` 327 680 for the JS SDK's `Harness-Target` header, no Nagle delay).
 */
export async function startDevRouter(config: DevRouterConfig): Promise<DevRouter> {
  const handler = createDevRouter(config);
  const server = createServer(
    { maxHeaderSize: SERVER_SETTINGS.maxHeaderSize, noDelay: true, requestTimeout: SERVER_SETTINGS.requestTimeout },
    handler.listener,
  );
  server.keepAliveTimeout = SERVER_SETTINGS.keepAliveTimeout;
  server.headersTimeout = SERVER_SETTINGS.headersTimeout;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    port,
    baseUrl: `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        handler.close();
      }),
  };
}
