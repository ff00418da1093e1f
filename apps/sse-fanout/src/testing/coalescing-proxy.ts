import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running {@link startCoalescingProxy}. */
export interface CoalescingProxy {
  readonly port: number;
  readonly baseUrl: string;
  close(): Promise<void>;
}

/**
 * An HTTP proxy in front of `127.0.0.1:<targetPort>` that forwards response bodies the way an
 * ingress may: whatever arrives from upstream within `windowMs` leaves as one chunk. This is how writes
 * that follow each other closely reach an SDK in one read (spec/sdk-api.md §8.4 rule 3): without the
 * 250 ms guard, an event frame right after a comment would reach the Node SDK in the comment's chunk.
 */
export async function startCoalescingProxy(targetPort: number, windowMs = 30): Promise<CoalescingProxy> {
  const server: Server = createServer((req, res) => {
    const upstream = httpRequest(
      { host: '127.0.0.1', port: targetPort, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        res.flushHeaders();
        let pending: Buffer[] = [];
        let timer: NodeJS.Timeout | undefined;
        const flush = () => {
          timer = undefined;
          if (pending.length > 0 && !res.destroyed) res.write(Buffer.concat(pending));
          pending = [];
        };
        answer.on('data', (chunk: Buffer) => {
          pending.push(chunk);
          timer ??= setTimeout(flush, windowMs);
        });
        answer.on('end', () => {
          if (timer) clearTimeout(timer);
          flush();
          res.end();
        });
        answer.on('error', () => res.destroy());
      },
    );
    upstream.on('error', () => res.destroy());
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
