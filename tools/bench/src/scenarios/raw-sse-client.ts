import { request, type ClientRequest } from 'node:http';

/** A plain `/stream` reader: the in-run baseline of the propagation scenario (no SDK in the way). */
export interface RawSseClient {
  /** Resolves with `performance.now()` when the next frame for flag `identifier` arrives. */
  nextFrame(identifier: string): Promise<number>;
  close(): void;
}

/** Authenticates with `sdkKey`, opens `GET /stream` on `baseUrl` and resolves once the response has started. */
export async function openRawSseClient(baseUrl: string, sdkKey: string): Promise<RawSseClient> {
  const auth = await fetch(`${baseUrl}/client/auth`, { method: 'POST', body: JSON.stringify({ apiKey: sdkKey }) });
  const { authToken } = (await auth.json()) as { authToken: string };
  const waiters = new Map<string, (at: number) => void>();
  let buffer = '';
  let req: ClientRequest | undefined;
  await new Promise<void>((resolve, reject) => {
    req = request(`${baseUrl}/stream?cluster=1`, { headers: { Authorization: `Bearer ${authToken}`, 'API-Key': sdkKey } }, (res) => {
      if (res.statusCode !== 200) reject(new Error(`/stream answered ${res.statusCode}`));
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        const at = performance.now();
        buffer += chunk;
        const frames = buffer.split('\n\n');
        buffer = frames.pop() ?? '';
        for (const frame of frames) {
          const data = /^data: ?(.*)$/m.exec(frame)?.[1];
          const identifier = data ? (JSON.parse(data) as { identifier?: string }).identifier : undefined;
          if (identifier !== undefined) waiters.get(identifier)?.(at);
        }
      });
      resolve();
    });
    req.on('error', reject);
    req.end();
  });
  return {
    nextFrame: (identifier) => new Promise((resolve) => waiters.set(identifier, resolve)),
    close: () => req?.destroy(),
  };
}
