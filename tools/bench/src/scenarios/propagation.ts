import { readFileSync } from 'node:fs';
import { Client, Event } from '@harnessio/ff-nodejs-server-sdk';
import { DEMO_SEED_PATH, startSaasEmulator, type EmulatorState, type SaasEmulator } from '@relay/saas-emulator';
import type { BenchOptions, BenchReport, BenchScenario } from '../bench-scenario';
import { readCountOption } from '../parse-bench-args';
import { quantile } from './fanout-figures';
import { startBenchAllInOne, startBenchSplit, type BenchProxy } from './propagation-topologies';
import { openRawSseClient } from './raw-sse-client';

const ENV = '71716f30-aea0-4271-89b5-cb1c82be4567';
const SERVER_KEY = 'demo-server-sdk-key';
const quiet = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };

const boolFlag1 = (state: 'on' | 'off') => ({
  feature: 'bool-flag1', kind: 'boolean', state, defaultServe: { variation: 'true' }, offVariation: 'false',
  variations: [{ identifier: 'true', name: 'True', value: 'true' }, { identifier: 'false', name: 'False', value: 'false' }],
});

/** A cache of its own for the client (the SDK's default one is shared by every client of the process). */
function freshCache() {
  const entries = new Map<string, unknown>();
  return {
    set: (key: string, value: unknown) => void entries.set(key, value),
    get: (key: string) => entries.get(key),
    delete: (key: string) => void entries.delete(key),
    *keys(): Generator<string, void, void> {
      yield* entries.keys();
    },
  };
}

/** A real Node SDK client, ready, whose stream is connected (`SSE stream connected OK` in its log). */
async function connectSdk(baseUrl: string): Promise<Client> {
  let connected!: () => void;
  const streaming = new Promise<void>((resolve) => (connected = resolve));
  const logger = { ...quiet, info: (message: unknown) => String(message).startsWith('SSE stream connected OK') && connected() };
  const client = new Client(SERVER_KEY, { baseUrl, eventsUrl: baseUrl, enableStream: true, enableAnalytics: false, axiosRetries: 0, store: undefined, cache: freshCache(), logger });
  await client.waitForInitialization();
  await streaming;
  return client;
}

/** `changes` flips of bool-flag1: emulator call → raw `/stream` frame, and → the SDK's `changed`, in ms. */
async function measure(emulator: SaasEmulator, proxy: BenchProxy, changes: number): Promise<{ frame: number[]; sdk: number[] }> {
  const raw = await openRawSseClient(proxy.baseUrl, SERVER_KEY);
  const client = await connectSdk(proxy.baseUrl);
  let onChanged: ((at: number) => void) | undefined;
  client.on(Event.CHANGED, (flag) => flag === 'bool-flag1' && onChanged?.(performance.now()));
  const frame: number[] = [];
  const sdk: number[] = [];
  try {
    await new Promise((r) => setTimeout(r, 300)); // past the 250 ms guard after the initial comment
    for (let i = 0; i < changes; i++) {
      const frameAt = raw.nextFrame('bool-flag1');
      const sdkAt = new Promise<number>((resolve) => (onChanged = resolve));
      const startedAt = performance.now();
      await emulator.admin.putFlag(ENV, boolFlag1(i % 2 === 0 ? 'on' : 'off'));
      frame.push((await frameAt) - startedAt);
      sdk.push((await sdkAt) - startedAt);
      await new Promise((r) => setTimeout(r, 10 + (i % 7) * 13)); // spread the changes over the heartbeat cycle
    }
  } finally {
    client.close();
    raw.close();
  }
  return { frame, sdk };
}

function figures(prefix: string, values: number[]): Record<string, number | null> {
  const sorted = [...values].sort((a, b) => a - b);
  return { [`${prefix}P50Ms`]: quantile(sorted, 0.5), [`${prefix}P99Ms`]: quantile(sorted, 0.99), [`${prefix}MaxMs`]: quantile(sorted, 1) };
}

async function runTopology(name: 'all-in-one' | 'split', changes: number): Promise<BenchReport> {
  const emulator = await startSaasEmulator({ state: JSON.parse(readFileSync(DEMO_SEED_PATH, 'utf8')) as EmulatorState });
  const proxy = await (name === 'split' ? startBenchSplit(emulator) : startBenchAllInOne(emulator)).catch(async (error) => (await emulator.close(), Promise.reject(error)));
  try {
    const { frame, sdk } = await measure(emulator, proxy, changes);
    const all = { ...figures(`${name}.frame`, frame), ...figures(`${name}.sdk`, sdk) };
    const line = (what: string, prefix: string) => `  ${what}: p50 ${all[`${prefix}P50Ms`]} ms, p99 ${all[`${prefix}P99Ms`]} ms, max ${all[`${prefix}MaxMs`]} ms`;
    return {
      figures: all,
      summary: [`${name}, ${changes} changes of bool-flag1 (emulator admin call → …)`, line('raw /stream frame (baseline)', `${name}.frame`), line("Node SDK 'changed'", `${name}.sdk`)],
    };
  } finally {
    await proxy.close();
    await emulator.close();
  }
}

async function run(options: BenchOptions): Promise<BenchReport> {
  const changes = readCountOption(options, 'changes', 100);
  const topology = options['topology'] ?? 'all-in-one';
  if (!['all-in-one', 'split', 'both'].includes(topology)) throw new Error(`--topology must be all-in-one, split or both, got '${topology}'`);
  const names = topology === 'both' ? (['all-in-one', 'split'] as const) : [topology as 'all-in-one' | 'split'];
  const reports: BenchReport[] = [];
  for (const name of names) reports.push(await runTopology(name, changes));
  return { figures: Object.assign({ changes }, ...reports.map((r) => r.figures)), summary: reports.flatMap((r) => r.summary) };
}

/** Change propagation: emulator event → the real Node SDK's `changed`, against a raw `/stream` reader. */
export const propagationScenario: BenchScenario = {
  description: "emulator flag change → real Node SDK 'changed' (p50/p99), baseline: the same frame on a raw /stream reader; --topology all-in-one|split|both",
  run,
};
