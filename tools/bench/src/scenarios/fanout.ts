import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { BenchReport, BenchScenario } from '../bench-scenario';
import { readCountOption } from '../parse-bench-args';
import { createSeededRandom } from '@relay/flag-evaluator/testing';
import { monotonicMs, openClientPool, type StreamTimings } from './fanout-client-pool';
import type { ClientPoolMessage, CollectRequest } from './fanout-clients';
import { deliveryFigures } from './fanout-figures';
import { startFanoutServer } from './fanout-server';

/** The streams, wherever they run: ready once connected, then collected after the event. */
interface Clients {
  readonly connectMs: number;
  collect(timeoutMs: number): Promise<StreamTimings[]>;
  close(): void;
}

/** Resident memory after two full collections, in bytes. */
async function settledMemory(): Promise<NodeJS.MemoryUsage> {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  await new Promise((resolve) => setTimeout(resolve, 200));
  gc();
  return process.memoryUsage();
}

async function inProcessClients(port: number, streams: number, headers: Record<string, string>): Promise<Clients> {
  const started = Date.now();
  const pool = await openClientPool({ port, streams, headers });
  const connectMs = Date.now() - started;
  return {
    connectMs,
    collect: async (timeoutMs) => (await pool.waitForEvent(timeoutMs), [...pool.timings]),
    close: () => pool.close(),
  };
}

function nextMessage(child: ChildProcess): Promise<ClientPoolMessage> {
  return new Promise((resolve, reject) => {
    child.once('message', (message) => resolve(message as ClientPoolMessage));
    child.once('exit', (code) => reject(new Error(`client process exited with ${code}`)));
  });
}

async function childClients(port: number, streams: number, headers: Record<string, string>): Promise<Clients> {
  const out = mkdtempSync(join(tmpdir(), 'relay-bench-clients-'));
  const args = [
    'fanout-clients',
    '--port',
    String(port),
    '--streams',
    String(streams),
    '--headers',
    JSON.stringify(headers),
    '--out',
    out,
  ];
  const child = fork(process.argv[1] as string, args, { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const ready = await nextMessage(child);
  if (ready.type !== 'ready') throw new Error(ready.type === 'failed' ? ready.error : 'client pool did not start');
  return {
    connectMs: ready.connectMs,
    async collect(timeoutMs) {
      const result = nextMessage(child);
      child.send({ type: 'collect', timeoutMs } satisfies CollectRequest);
      const message = await result;
      if (message.type !== 'result') throw new Error('client pool failed');
      return message.timings;
    },
    close: () => void child.kill(),
  };
}

async function run(options: Record<string, string>): Promise<BenchReport> {
  const streams = readCountOption(options, 'streams', 5000);
  const keepAliveMs = readCountOption(options, 'keepalive-ms', 15_000);
  const mode = options['clients'] ?? 'child';
  const publishOffsetMs = createSeededRandom(readCountOption(options, 'seed', 1)).int(keepAliveMs);
  const server = await startFanoutServer(keepAliveMs);
  const before = await settledMemory();
  const clients = await (mode === 'in-process' ? inProcessClients : childClients)(server.port, streams, server.headers);
  try {
    const after = await settledMemory();
    await new Promise((resolve) => setTimeout(resolve, publishOffsetMs)); // a random phase of the heartbeats
    const publishedAt = monotonicMs();
    await server.publish();
    const delivery = deliveryFigures(await clients.collect(30_000), publishedAt);
    const rssPerStreamKiB = Number(((after.rss - before.rss) / streams / 1024).toFixed(2));
    const heapPerStreamKiB = Number(((after.heapUsed - before.heapUsed) / streams / 1024).toFixed(2));
    const figures = {
      streams,
      clients: mode,
      keepAliveMs,
      publishOffsetMs,
      connectMs: clients.connectMs,
      ...delivery,
      rssPerStreamKiB,
      heapPerStreamKiB,
    };
    return {
      figures,
      summary: [
        `${streams} streams (clients: ${mode}${mode === 'in-process' ? ', memory includes the client side' : ''}), opened in ${clients.connectMs} ms`,
        `event published ${publishOffsetMs} ms after all were open; received by ${delivery.received}/${streams}`,
        `publish → arrival: p50 ${delivery.latencyP50Ms} ms, p99 ${delivery.latencyP99Ms} ms, max ${delivery.latencyMaxMs} ms (aim: p99 < 250 ms)`,
        `held by the 250 ms guard: ${delivery.guardHeldStreams} streams (${delivery.guardHeldShare}), p50 ${delivery.guardHeldP50Ms} ms, max ${delivery.guardHeldMaxMs} ms; ` +
          `others p50 ${delivery.unguardedP50Ms} ms, p99 ${delivery.unguardedP99Ms} ms, max ${delivery.unguardedMaxMs} ms`,
        `memory per stream: ${rssPerStreamKiB} KiB RSS, ${heapPerStreamKiB} KiB heap (aim: ≤ 20 KiB)`,
      ],
    };
  } finally {
    clients.close();
    await server.close();
  }
}

/**
 * Fan-out of one change to N open SDK streams of one in-process sse-fanout on the memory store:
 * time from publishing to arrival on every stream (p50, p99, max; the 250 ms guard's share apart) and
 * resident memory per stream. Options: `--streams` (5000), `--keepalive-ms` (15000), `--seed` (1, picks
 * the publish offset), `--clients child|in-process` (child: a forked client pool, so the server's event
 * loop and RSS are its own).
 */
export const fanoutScenario: BenchScenario = {
  description: 'sse-fanout: publish-to-arrival latency over N streams and memory per stream',
  run,
};
