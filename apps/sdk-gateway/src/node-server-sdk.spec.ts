/**
 * @jest-environment node
 */
// The published Node server SDK against the gateway, in polling mode (spec/real-sdk-testing.md §3).
// No XMLHttpRequest global in this file: axios would pick its XHR adapter.
import { Client } from '@harnessio/ff-nodejs-server-sdk';
import type { HttpServerHandle } from '@relay/http';
import { streamNames } from '@relay/redis-contract';
import { createSdkTokens } from '@relay/sdk-auth';
import {
  booleanFlag,
  jsonFlag,
  seedEnvironment,
  segmentFixture,
  segmentRuleFlag,
  startGatewayTestbed,
  waitFor,
  type GatewayTestbed,
} from '@relay/sdk-gateway/testing';

const ENV = '71716f30-aea0-4271-89b5-cb1c82be4567';
const SERVER_KEY = 'server-sdk-key-1';
const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined, trace: () => undefined };

/** A fresh cache per client: the SDK's default cache and store are module-level singletons. */
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

describe('@harnessio/ff-nodejs-server-sdk 1.8.12 in polling mode', () => {
  let bed: GatewayTestbed;
  let server: HttpServerHandle;
  let client: Client | undefined;
  const options = () => ({
    baseUrl: `http://127.0.0.1:${server.port}`,
    eventsUrl: `http://127.0.0.1:${server.port}`,
    enableStream: false,
    enableAnalytics: true,
    axiosRetries: 0,
    cache: freshCache(),
    store: undefined,
    logger: quiet,
  });

  beforeEach(async () => {
    bed = await startGatewayTestbed({ tokens: createSdkTokens({ authSecrets: ['a-secret-that-is-at-least-32-bytes'] }) });
    await seedEnvironment(bed.cache, ENV, {
      flags: [booleanFlag('bool-flag1', { state: 'off' }), segmentRuleFlag('tier', 'beta-users'), jsonFlag('json-flag')],
      segments: [segmentFixture('beta-users')],
      sdkKeys: [SERVER_KEY],
    });
    server = await bed.listen();
  });
  afterEach(async () => {
    await server.close();
    await bed.close();
  });

  it('authenticates, loads flags and segments, evaluates, and posts metrics that land in stream:sdk_metrics', async () => {
    client = new Client(SERVER_KEY, options());
    await client.waitForInitialization();
    const target = { identifier: 'user1', name: 'User 1', attributes: { plan: 'pro', email: 'user1@example.com' } };
    expect(await client.boolVariation('bool-flag1', target, true)).toBe(false);
    // `tier` needs the segment: the SDK evaluates it from what GET …/target-segments?rules=v2 returned.
    expect(await client.stringVariation('tier', target, 'default')).toBe('gold');
    expect(await client.stringVariation('tier', { identifier: 'user2', name: 'User 2' }, 'default')).toBe('plain');
    expect(await client.jsonVariation('json-flag', target, {})).toEqual({ a: 1, nested: { b: [true, 'ü'] } });

    client.close(); // the only quick way to make the SDK post its metrics
    client = undefined;
    await waitFor(async () => (await bed.events.rangeAfter(streamNames.sdkMetrics, '0-0', 10)).length > 0);
    const [entry] = await bed.events.rangeAfter(streamNames.sdkMetrics, '0-0', 10);
    const posted = JSON.parse(entry!.event) as { environment_id: string; metricsData: { attributes: { key: string; value: string }[] }[]; targetData: unknown[] };
    expect(posted.environment_id).toBe(ENV);
    expect(posted.targetData).toEqual([
      { identifier: 'user1', name: 'User 1', attributes: [{ key: 'plan', value: 'pro' }, { key: 'email', value: 'user1@example.com' }] },
      { identifier: 'user2', name: 'User 2', attributes: [] },
    ]);
    const attributes = posted.metricsData.map((item) => Object.fromEntries(item.attributes.map(({ key, value }) => [key, value])));
    expect(attributes).toContainEqual(expect.objectContaining({ featureIdentifier: 'bool-flag1', variationIdentifier: 'false', SDK_TYPE: 'server', SDK_VERSION: '1.8.12', target: 'user1' }));
  });

  it('fails initialization with an unknown SDK key (401)', async () => {
    const failing = new Client('not-a-known-key', options());
    await expect(failing.waitForInitialization()).rejects.toMatchObject({ response: { status: 401 } });
  });
});
