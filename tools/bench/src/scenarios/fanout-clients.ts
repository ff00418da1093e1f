import type { BenchReport, BenchScenario } from '../bench-scenario';
import { readCountOption } from '../parse-bench-args';
import { openClientPool, type StreamTimings } from './fanout-client-pool';

/** Messages between the `fanout` scenario and its client process. */
export type ClientPoolMessage =
  | { type: 'ready'; connectMs: number }
  | { type: 'result'; timings: StreamTimings[] }
  | { type: 'failed'; error: string };

/** The parent's message: the event was published; report once every stream has it. */
export interface CollectRequest {
  type: 'collect';
  timeoutMs: number;
}

/** Sends to the parent and resolves once the message left (the process disconnects right after). */
function send(message: ClientPoolMessage): Promise<void> {
  return new Promise((resolve) =>
    process.send ? process.send(message, undefined, undefined, () => resolve()) : resolve(),
  );
}

async function run(options: Record<string, string>): Promise<BenchReport> {
  const streams = readCountOption(options, 'streams', 5000);
  const headers = JSON.parse(options['headers'] ?? '{}') as Record<string, string>;
  const started = Date.now();
  try {
    const pool = await openClientPool({ port: readCountOption(options, 'port', 1), streams, headers });
    await send({ type: 'ready', connectMs: Date.now() - started });
    const request = await new Promise<CollectRequest>((resolve) =>
      process.once('message', (message) => resolve(message as CollectRequest)),
    );
    await pool.waitForEvent(request.timeoutMs);
    await send({ type: 'result', timings: [...pool.timings] });
    pool.close();
    return {
      figures: { streams, received: pool.received() },
      summary: [`client pool: ${pool.received()}/${streams} streams got the event`],
    };
  } catch (error) {
    await send({ type: 'failed', error: error instanceof Error ? error.message : String(error) });
    throw error;
  } finally {
    process.disconnect?.();
  }
}

/**
 * The client side of `fanout`, run by it in a child process so that reading N sockets does not share the
 * server's event loop or memory. Not meant to be run by hand.
 */
export const fanoutClientsScenario: BenchScenario = {
  description: 'client pool of the fanout scenario (started by it in a child process)',
  run,
};
