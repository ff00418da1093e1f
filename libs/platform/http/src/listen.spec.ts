import { request as httpRequest } from 'node:http';
import { createCapturingLogger } from '@relay/logging/testing';
import { combineFastPaths, listen } from './listen';

function get(port: number, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path: '/', headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('listen', () => {
  it('accepts a 256 KiB header and tries the fast path first', async () => {
    const handle = await listen(
      (_req, res) => {
        res.statusCode = 200;
        res.end('app');
      },
      {
        port: 0,
        host: '127.0.0.1',
        logger: createCapturingLogger(),
        fastPath: (req, res) => {
          if (req.headers['x-fast'] !== '1') return false;
          res.statusCode = 201;
          res.end();
          return true;
        },
      },
    );
    expect(await get(handle.port, { 'Harness-Target': 'a'.repeat(262_143) })).toBe(200);
    expect(await get(handle.port, { 'x-fast': '1' })).toBe(201);
    await handle.close();
  });

  it('waits for an open response before finishing close', async () => {
    let finish: (() => void) | undefined;
    const handle = await listen(
      (_req, res) => {
        res.writeHead(200);
        res.write('open');
        finish = () => res.end();
      },
      { port: 0, host: '127.0.0.1', logger: createCapturingLogger() },
    );
    const status = get(handle.port);
    await new Promise((resolve) => setTimeout(resolve, 50));
    let closed = false;
    const closing = handle.close().then(() => (closed = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(closed).toBe(false);
    finish?.();
    await closing;
    expect(await status).toBe(200);
  });
});

describe('combineFastPaths', () => {
  it('tries each fast path in order and stops at the first that answers', () => {
    const calls: string[] = [];
    const path = (name: string, answers: boolean) => () => (calls.push(name), answers);
    const combined = combineFastPaths(path('a', false), path('b', true), path('c', true));
    expect(combined({} as never, {} as never)).toBe(true);
    expect(calls).toEqual(['a', 'b']);
    expect(combineFastPaths(path('d', false))({} as never, {} as never)).toBe(false);
  });
});
