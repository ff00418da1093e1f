/**
 * @jest-environment node
 */
// The published JS client SDK against the gateway, without streaming or polling (spec/real-sdk-testing.md §4).
import './testing/browser-shims';
import { Event, initialize, type Result } from '@harnessio/ff-javascript-client-sdk';
import type { HttpServerHandle } from '@relay/http';
import { redisKeys, streamNames } from '@relay/redis-contract';
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
const CLIENT_KEY = 'client-sdk-key-1';
const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

describe('@harnessio/ff-javascript-client-sdk 1.32.0 without streaming', () => {
  let bed: GatewayTestbed;
  let server: HttpServerHandle;
  let cf: Result | undefined;
  const baseUrl = () => `http://127.0.0.1:${server.port}`;
  const start = (target: { identifier: string; name?: string; attributes?: object }) => {
    cf = initialize(CLIENT_KEY, target, { baseUrl: baseUrl(), eventUrl: baseUrl(), streamEnabled: false, pollingEnabled: false, enableAnalytics: true, logger: quiet });
    const client = cf;
    return new Promise<Record<string, unknown>>((resolve, reject) => {
      client.on(Event.READY, (flags) => resolve(flags as Record<string, unknown>));
      client.on(Event.ERROR_AUTH, reject);
    });
  };

  beforeEach(async () => {
    bed = await startGatewayTestbed({ tokens: createSdkTokens({ authSecrets: ['a-secret-that-is-at-least-32-bytes'] }) });
    await seedEnvironment(bed.cache, ENV, {
      flags: [booleanFlag('bool-flag1', { state: 'off' }), segmentRuleFlag('tier', 'beta-users'), jsonFlag('json-flag')],
      segments: [segmentFixture('beta-users')],
      sdkKeys: [CLIENT_KEY],
    });
    server = await bed.listen();
  });
  afterEach(async () => {
    cf?.close();
    cf = undefined;
    await server.close();
    await bed.close();
  });

  it('authenticates with a target and gets its evaluations, a json flag as an object', async () => {
    const flags = await start({ identifier: 'user1', name: 'User 1', attributes: { email: 'user1@example.com' } });
    expect(flags).toEqual({ 'bool-flag1': false, tier: 'gold', 'json-flag': { a: 1, nested: { b: [true, 'ü'] } } });
    expect(cf!.variation('json-flag', {})).toEqual({ a: 1, nested: { b: [true, 'ü'] } });
    expect(cf!.variation('bool-flag1', true)).toBe(false);
    await bed.gateway.settled();
    expect(JSON.parse((await bed.cache.get(redisKeys.targetConfig(ENV, 'user1')))!)).toEqual({ identifier: 'user1', name: 'User 1', attributes: { email: 'user1@example.com' } });
  });

  it('gets evaluations for another target from its Harness-Target header', async () => {
    const flags = await start({ identifier: 'bob', name: 'Bob' });
    expect(flags['tier']).toBe('plain');
  });

  it('posts the metrics of the values it read, which land in stream:sdk_metrics', async () => {
    await start({ identifier: 'user1', name: 'User 1' });
    expect(cf!.variation('bool-flag1', true)).toBe(false);
    await waitFor(async () => (await bed.events.rangeAfter(streamNames.sdkMetrics, '0-0', 10)).length > 0);
    const [entry] = await bed.events.rangeAfter(streamNames.sdkMetrics, '0-0', 10);
    const posted = JSON.parse(entry!.event) as { environment_id: string; metricsData: { attributes: { key: string; value: string }[] }[]; targetData?: unknown };
    expect(posted.environment_id).toBe(ENV);
    expect(posted.targetData).toBeUndefined();
    const attributes = posted.metricsData.map((item) => Object.fromEntries(item.attributes.map(({ key, value }) => [key, value])));
    expect(attributes).toContainEqual(
      expect.objectContaining({ featureIdentifier: 'bool-flag1', variationIdentifier: 'false', target: 'user1', SDK_TYPE: 'client', SDK_VERSION: '1.32.0' }),
    );
  });

  it('receives the claims the SDK copies into ?cluster= and its Harness-* headers', async () => {
    const res = await fetch(`${baseUrl()}/client/auth`, { method: 'POST', body: JSON.stringify({ apiKey: CLIENT_KEY, target: { identifier: 'user1', name: 'User 1' } }) });
    const { authToken } = (await res.json()) as { authToken: string };
    const claims = JSON.parse(Buffer.from(authToken.split('.')[1]!, 'base64url').toString('utf8'));
    expect(claims).toMatchObject({ environment: ENV, clusterIdentifier: '1', accountID: 'acc-123', environmentIdentifier: 'dev' });
  });
});
