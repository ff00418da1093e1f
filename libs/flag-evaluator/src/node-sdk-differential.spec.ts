/**
 * @jest-environment node
 */
import { Client, type KeyValueStore, type Logger, type Target } from '@harnessio/ff-nodejs-server-sdk';
import type { EvaluationTarget, FeatureConfig, Segment } from '@relay/flag-model';
import { createEvaluator } from './create-evaluator';
import type { EvaluationLookups } from './evaluation-types';
import { typedValue } from './testing/evaluation-case-file';
import { startFakeSdkServer, type FakeSdkServer } from './testing/fake-sdk-server';
import { generateFlagSet, type GeneratedFlagSet } from './testing/generate-flag-set';
import { createSeededRandom } from './testing/seeded-random';

// Differential test against the real Node server SDK 1.8.12 (spec/real-sdk-testing.md §1–3): the SDK
// polls generated flags and segments from an in-process fake and evaluates locally; we evaluate the
// same data. The generator documents what is left out and why (testing/generate-flag-set.ts).

/** A fresh cache per client: the SDK's default cache and file store are shared module-level singletons. */
function createMapCache(): KeyValueStore {
  const entries = new Map<string, unknown>();
  return {
    set: (key, value) => void entries.set(key, value),
    get: (key) => entries.get(key),
    delete: (key) => void entries.delete(key),
    keys: function* () {
      yield* entries.keys();
    },
  };
}

function createQuietLogger(errors: unknown[][]): Logger {
  const ignore = () => undefined;
  return { trace: ignore, debug: ignore, info: ignore, warn: ignore, error: (...args) => void errors.push(args) };
}

function lookupsOf(set: GeneratedFlagSet): EvaluationLookups {
  const flags = new Map(set.flags.map((flag) => [flag.feature, flag]));
  const segments = new Map(set.segments.map((segment) => [segment.identifier, segment]));
  return { getFlag: (id) => flags.get(id), getSegment: (id) => segments.get(id), andRules: false };
}

/** The SDK's typed answer; the default is one no generated variation has, so a default shows. */
function sdkVariation(client: Client, flag: FeatureConfig, target: Target): Promise<unknown> {
  if (flag.kind === 'boolean') return client.boolVariation(flag.feature, target, flag.feature.length % 2 === 0);
  if (flag.kind === 'int') return client.numberVariation(flag.feature, target, -999);
  if (flag.kind === 'json') return client.jsonVariation(flag.feature, target, { default: true });
  return client.stringVariation(flag.feature, target, '<default>');
}

interface Mismatch {
  flag: string;
  target: EvaluationTarget;
  ours: unknown;
  sdk: unknown;
}

async function compareAll(
  client: Client,
  set: GeneratedFlagSet,
): Promise<{ mismatches: Mismatch[]; served: Map<string, Set<unknown>> }> {
  const evaluator = createEvaluator();
  const lookups = lookupsOf(set);
  const mismatches: Mismatch[] = [];
  const served = new Map(set.flags.map((flag) => [flag.feature, new Set<unknown>()]));
  for (const target of set.targets) {
    for (const flag of set.flags) {
      const result = evaluator.evaluate(flag, target, lookups);
      const ours = result.ok ? typedValue(flag.kind, result.variation.value) : result;
      const sdk = await sdkVariation(client, flag, target as Target);
      served.get(flag.feature)!.add(JSON.stringify(ours));
      if (JSON.stringify(ours) !== JSON.stringify(sdk)) mismatches.push({ flag: flag.feature, target, ours, sdk });
    }
  }
  return { mismatches, served };
}

describe.each([
  [1, 40, 15, 1000],
  [2, 40, 15, 1000],
  [3, 60, 20, 1000],
])('given generated flag set %i (%i flags, %i segments, %i targets)', (seed, flags, segments, targets) => {
  const set = generateFlagSet(createSeededRandom(seed), { flags, segments, targets });
  const errors: unknown[][] = [];
  let server: FakeSdkServer;
  let client: Client;

  beforeAll(async () => {
    server = await startFakeSdkServer({ flags: set.flags, segments: set.segments as Segment[] });
    client = new Client('server-sdk-key', {
      baseUrl: server.url,
      eventsUrl: server.url,
      enableStream: false,
      enableAnalytics: false,
      axiosRetries: 0,
      cache: createMapCache(),
      store: undefined,
      logger: createQuietLogger(errors),
    });
    await client.waitForInitialization();
  });

  afterAll(async () => {
    client?.close();
    await server?.close();
  });

  it('polled the flags and segments from the fake', () => {
    expect(server.requests.map((url) => url.split('?')[0])).toEqual(
      expect.arrayContaining([
        '/client/auth',
        expect.stringMatching(/\/feature-configs$/),
        expect.stringMatching(/\/target-segments$/),
      ]),
    );
  });

  it('serves the same value as the Node SDK for every flag and target', async () => {
    const { mismatches, served } = await compareAll(client, set);
    expect(mismatches.slice(0, 10)).toEqual([]);
    expect(errors).toEqual([]);
    // The comparison is only worth something if targeting splits targets: most "on" flags serve
    // several values across the targets.
    const onFlags = set.flags.filter((flag) => flag.state === 'on');
    const split = onFlags.filter((flag) => served.get(flag.feature)!.size > 1);
    expect(split.length).toBeGreaterThan(onFlags.length / 2);
  });
});
