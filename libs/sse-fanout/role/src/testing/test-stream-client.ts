import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';

/** One `data` chunk as the client socket delivered it, with its arrival time (`Date.now()`). */
export interface ReceivedChunk {
  at: number;
  text: string;
}

/** A raw `/stream` client: bytes as they arrive, no SSE parsing that could hide framing. */
export interface TestStreamClient {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly chunks: readonly ReceivedChunk[];
  /** Everything received so far. */
  text(): string;
  /** True once the server ended the response (`end`) or the connection closed. */
  isEnded(): boolean;
  /** Waits until `predicate(text)` holds (polling every 5 ms, default 5 s). */
  waitFor(predicate: (text: string) => boolean, timeoutMs?: number): Promise<void>;
  waitForEnd(timeoutMs?: number): Promise<void>;
  /** Drops the connection (the SDK going away). */
  close(): void;
}

/** Options of {@link openTestStream}. */
export interface OpenTestStreamOptions {
  port: number;
  headers?: Record<string, string>;
  method?: string;
  path?: string;
}

/** Polls `predicate` every 5 ms until it holds or `timeoutMs` passed. */
export async function waitUntil(predicate: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Opens a request to `127.0.0.1:<port>` (default `GET /stream`) and resolves once the response head arrived. */
export function openTestStream(options: OpenTestStreamOptions): Promise<TestStreamClient> {
  return new Promise((resolve, reject) => {
    const chunks: ReceivedChunk[] = [];
    let ended = false;
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: options.port,
        method: options.method ?? 'GET',
        path: options.path ?? '/stream',
        headers: options.headers,
      },
      (res) => {
        res.setEncoding('utf8');
        res.on('data', (text: string) => chunks.push({ at: Date.now(), text }));
        res.on('end', () => (ended = true));
        res.on('close', () => (ended = true));
        res.on('error', () => (ended = true));
        const text = () => chunks.map((chunk) => chunk.text).join('');
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          chunks,
          text,
          isEnded: () => ended,
          waitFor: (predicate, timeoutMs) =>
            waitUntil(() => predicate(text()), timeoutMs, `stream text, got ${JSON.stringify(text())}`),
          waitForEnd: (timeoutMs) => waitUntil(() => ended, timeoutMs, 'the end of the stream'),
          close: () => req.destroy(),
        });
      },
    );
    req.on('error', (error) => {
      ended = true;
      reject(error);
    });
    req.end();
  });
}
