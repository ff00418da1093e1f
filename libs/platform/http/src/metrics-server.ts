import { createServer } from 'node:http';
import type { Registry } from 'prom-client';
import type { Logger } from '@relay/logging';
import { sendJson } from './error-handler';
import type { HttpServerHandle } from './listen';
import type { AddressInfo } from 'node:net';

/**
 * The dedicated Prometheus server used when `PROMETHEUS_PORT` differs from `PORT`: only
 * `GET /metrics`, everything else 404 (spec/sdk-api.md §9.3).
 */
export async function listenMetrics(registry: Registry, port: number, logger: Logger): Promise<HttpServerHandle> {
  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url?.split('?')[0] === '/metrics') {
      registry.metrics().then(
        (text) => {
          res.setHeader('Content-Type', registry.contentType);
          res.end(text);
        },
        (error: unknown) => {
          logger.error('request failed', { err: error });
          sendJson(res, 500, '{"error":"internal error"}');
        },
      );
      return;
    }
    sendJson(res, 404, '{"error":"not found"}');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => resolve());
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    prepareClose: () => server.close(),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
