import axios from 'axios';
import type { Readable } from 'node:stream';
import type { Clock } from '@relay/lifecycle';
import type { SaasHttp } from './saas-http-client';
import { createSseParser, type SseBlock } from './sse-parser';

/** Why an account stream ended (spec/saas-api.md §5.4). */
export type StreamEnd =
  | { reason: 'eof' }
  | { reason: 'read timeout' }
  | { reason: 'status'; status: number }
  | { reason: 'error'; error: unknown }
  | { reason: 'closed' };

/** Options of {@link runAccountStream}. */
export interface AccountStreamOptions {
  http: SaasHttp;
  url: string;
  headers: Record<string, string>;
  /** No byte for this long aborts the stream (env `SAAS_STREAM_READ_TIMEOUT`). */
  readTimeoutMs: number;
  clock: Clock;
  /** Aborting it closes the stream (`closed`). */
  signal: AbortSignal;
  /** The answer was 200 and the first complete block (event or comment) arrived: CONNECTED. */
  onConnected(): void;
  /** Every complete block, heartbeats included. */
  onBlock(block: SseBlock): void;
  /** A block over 1 MiB was discarded. */
  onOversize(): void;
  /** Time until the response headers arrived, with the status (or `error`). */
  onResponse?(status: number | 'error', seconds: number): void;
}

/**
 * Opens the account stream (`GET /stream`, §5.2) and reads it until it ends, resolving with the reason.
 * There is no overall timeout; a read timeout resets on every byte (Go has none).
 */
export async function runAccountStream(options: AccountStreamOptions): Promise<StreamEnd> {
  const { clock, signal } = options;
  const startedAt = clock.now();
  let body: Readable;
  try {
    const response = await axios.request<Readable>({
      method: 'GET',
      url: options.url,
      headers: { 'User-Agent': options.http.userAgent, ...options.headers },
      responseType: 'stream',
      timeout: 30_000,
      validateStatus: () => true,
      signal,
      ...options.http.transportFor(options.url),
    });
    options.onResponse?.(response.status, (clock.now() - startedAt) / 1000);
    body = response.data;
    if (response.status !== 200) {
      body.destroy();
      return { reason: 'status', status: response.status };
    }
  } catch (error) {
    if (signal.aborted) return { reason: 'closed' };
    options.onResponse?.('error', (clock.now() - startedAt) / 1000);
    return { reason: 'error', error };
  }
  return readStream(body, options);
}

function readStream(body: Readable, options: AccountStreamOptions): Promise<StreamEnd> {
  const { clock, signal } = options;
  return new Promise<StreamEnd>((resolve) => {
    let connected = false;
    let ended = false;
    const finish = (end: StreamEnd) => {
      if (ended) return;
      ended = true;
      clock.clearTimeout(watchdog);
      signal.removeEventListener('abort', onAbort);
      body.destroy();
      resolve(end);
    };
    const watchdog = clock.setTimeout(() => finish({ reason: 'read timeout' }), options.readTimeoutMs);
    const onAbort = () => finish({ reason: 'closed' });
    signal.addEventListener('abort', onAbort, { once: true });
    const parser = createSseParser({
      onOversize: options.onOversize,
      onBlock: (block) => {
        if (!connected) {
          connected = true;
          options.onConnected();
        }
        options.onBlock(block);
      },
    });
    body.setEncoding('utf8');
    body.on('data', (chunk: string) => {
      watchdog.refresh();
      parser.push(chunk);
    });
    body.on('end', () => finish({ reason: 'eof' }));
    body.on('error', (error) => finish(signal.aborted ? { reason: 'closed' } : { reason: 'error', error }));
  });
}
