import type { IncomingMessage } from 'node:http';

/**
 * Reads the whole body of `req` as UTF-8 text. Resolves `undefined` when it exceeds `limitBytes` (the
 * rest is drained and ignored) or the request fails.
 */
export function readRequestBody(req: IncomingMessage, limitBytes: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(undefined));
  });
}
