import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createEmulatorContext } from './emulator-context';
import { createRequestListener } from './create-request-listener';
import { createSaasEmulatorAdmin } from './saas-emulator-admin';
import type { SaasEmulator, SaasEmulatorOptions } from './saas-emulator-options';

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** The host to put in URLs: loopback for a wildcard address, brackets for IPv6. */
const urlHost = (host: string) =>
  ['0.0.0.0', '::', ''].includes(host) ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;

/**
 * Starts the SaaS emulator of spec/saas-api.md §10 on `host:port`: the SaaS API under `/api/1.0` and the
 * admin API under `/admin`. Rejects when the options or the initial state are invalid or the port is taken.
 */
export async function startSaasEmulator(options: SaasEmulatorOptions = {}): Promise<SaasEmulator> {
  const context = createEmulatorContext(options);
  // Proxy tokens list every environment of the key (up to 1000 UUIDs): allow headers of that size.
  const server = createServer({ noDelay: true, maxHeaderSize: 262_144 }, createRequestListener(context, options));
  server.on('clientError', (_error, socket) => socket.destroy());
  const host = options.host ?? '127.0.0.1';
  await listen(server, options.port ?? 0, host);

  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://${urlHost(host)}:${port}`;
  let closed: Promise<void> | undefined;
  return {
    port,
    baseUrl,
    clientServiceUrl: `${baseUrl}/api/1.0`,
    metricServiceUrl: `${baseUrl}/api/1.0`,
    admin: createSaasEmulatorAdmin(baseUrl),
    close() {
      closed ??= new Promise<void>((resolve) => {
        context.hub.closeAll();
        context.releaseAll();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
