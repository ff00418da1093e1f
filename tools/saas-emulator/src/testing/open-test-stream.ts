import { request, type IncomingMessage } from 'node:http';

/** A raw `GET /stream` client for the emulator's own specs: keeps every chunk and parsed block. */
export interface TestStream {
  status: number;
  headers: IncomingMessage['headers'];
  /** Every chunk as received (one per server write when the socket is not congested). */
  chunks: string[];
  /** The `data` of every complete block that had one, parsed as JSON when possible. */
  events(): unknown[];
  /** Number of complete blocks that were only comments (heartbeats). */
  comments(): number;
  /** Resolves once `predicate` holds for the collected state, rejects after `timeoutMs` (default 3000). */
  waitFor(predicate: (stream: TestStream) => boolean, timeoutMs?: number): Promise<void>;
  /** Resolves with how the response ended: `end` (EOF) or `error` (socket destroyed mid-way). */
  ended: Promise<'end' | 'error'>;
  /** Whether the response has not ended yet. */
  isOpen(): boolean;
  close(): void;
}

function parseData(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return data;
  }
}

/** Opens the account stream of the emulator at `baseUrl`; resolves once the status line arrived. */
export function openTestStream(baseUrl: string, headers: Record<string, string>): Promise<TestStream> {
  return new Promise((resolve, reject) => {
    const req = request(`${baseUrl}/api/1.0/stream?cluster=1&stream=*`, { headers }, (res) => {
      let text = '';
      let open = true;
      let resolveEnded: (how: 'end' | 'error') => void = () => undefined;
      const ended = new Promise<'end' | 'error'>((done) => (resolveEnded = done));
      const settle = (how: 'end' | 'error') => {
        open = false;
        resolveEnded(how);
      };
      const blocks = () => text.split('\n\n').slice(0, -1);
      const stream: TestStream = {
        status: res.statusCode ?? 0,
        headers: res.headers,
        chunks: [],
        events: () =>
          blocks()
            .map((block) => block.split('\n').filter((line) => line.startsWith('data:')))
            .filter((lines) => lines.length > 0)
            .map((lines) => parseData(lines.map((line) => line.replace(/^data: ?/, '')).join('\n'))),
        comments: () => blocks().filter((block) => block.split('\n').every((line) => line.startsWith(':'))).length,
        async waitFor(predicate, timeoutMs = 3000) {
          const deadline = Date.now() + timeoutMs;
          while (!predicate(stream)) {
            if (Date.now() > deadline) throw new Error(`stream condition not met; received ${JSON.stringify(text)}`);
            await new Promise((r) => setTimeout(r, 10));
          }
        },
        ended,
        isOpen: () => open,
        close: () => req.destroy(),
      };
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        stream.chunks.push(chunk);
        text += chunk;
      });
      res.on('end', () => settle('end'));
      res.on('error', () => settle('error'));
      res.on('close', () => settle(res.complete ? 'end' : 'error'));
      resolve(stream);
    });
    req.on('error', reject);
    req.end();
  });
}
