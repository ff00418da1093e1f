import type { FakeClock } from '@relay/lifecycle/testing';
import { sha256hex } from '@relay/redis-contract';
import {
  createFakeTokenVerifier,
  markSynced,
  openTestStream,
  publishProxyChange,
  seedEnvironment,
  startTestFanout,
  waitUntil,
  type TestFanout,
  type TestStreamClient,
} from './testing';

const ENV_A = '71716f30-aea0-4271-89b5-cb1c82be4567';
const ENV_B = '0f0e0d0c-0000-4000-8000-000000000002';
const tokens = createFakeTokenVerifier();

describe('ending streams (spec/sdk-api.md §8.5)', () => {
  let t: TestFanout;
  let a1: TestStreamClient; // token and API-Key of key-a1
  let a2: TestStreamClient; // token of key-a3, API-Key key-a2
  let b1: TestStreamClient;

  const open = async (env: string, tokenKey: string, apiKey: string) => {
    const stream = await openTestStream({
      port: t.port,
      headers: { Authorization: `Bearer ${tokens.tokenFor(env, tokenKey)}`, 'API-Key': apiKey },
    });
    await stream.waitFor((text) => text === ':\n\n');
    return stream;
  };
  const closedWith = async (reason: string) => {
    const text = await t.registry.metrics();
    const match = new RegExp(`ff_proxy_sdk_sse_connections_closed_total\\{reason="${reason}"\\} (\\d+)`).exec(text);
    return Number(match?.[1] ?? 0);
  };

  beforeEach(async () => {
    t = await startTestFanout({ shutdownTimeoutMs: 400 });
    await seedEnvironment(t.cache, { envId: ENV_A, sdkKeys: ['key-a1', 'key-a2', 'key-a3'], version: 1 });
    await seedEnvironment(t.cache, { envId: ENV_B, sdkKeys: ['key-b1'], version: 1 });
    await markSynced(t.cache);
    await t.replica.configStatus.refresh();
    a1 = await open(ENV_A, 'key-a1', 'key-a1');
    a2 = await open(ENV_A, 'key-a3', 'key-a2');
    b1 = await open(ENV_B, 'key-b1', 'key-b1');
  });
  afterEach(async () => {
    [a1, a2, b1].forEach((stream) => stream.close());
    await t.close();
  });

  it('ends every stream of a removed environment and no other', async () => {
    await publishProxyChange(t.events, { event: 'environmentsRemoved', environments: [ENV_A] });
    await a1.waitForEnd();
    await a2.waitForEnd();
    await waitUntil(() => t.fanout.connectionCount() === 1);
    expect(b1.isEnded()).toBe(false);
    expect(await closedWith('environment_removed')).toBe(2);
    expect(a1.text()).toBe(':\n\n');
  });

  it('ends the streams opened with a removed SDK key, by API-Key hash', async () => {
    await publishProxyChange(t.events, { event: 'apiKeyRemoved', environments: [ENV_A], apiKey: sha256hex('key-a1') });
    await a1.waitForEnd();
    await waitUntil(() => t.fanout.connectionCount(ENV_A) === 1);
    expect(a2.isEnded()).toBe(false);
    expect(await closedWith('api_key_removed')).toBe(1);
  });

  it('ends the streams whose token was issued for a removed SDK key', async () => {
    await publishProxyChange(t.events, { event: 'apiKeyRemoved', environments: [ENV_A], apiKey: sha256hex('key-a3') });
    await a2.waitForEnd();
    await waitUntil(() => t.fanout.connectionCount(ENV_A) === 1);
    expect(a1.isEnded()).toBe(false);
  });

  it('looks for a removed key only in the first environment of the entry', async () => {
    await publishProxyChange(t.events, { event: 'apiKeyRemoved', environments: [ENV_B], apiKey: sha256hex('key-a1') });
    const last = await publishProxyChange(t.events, { event: 'environmentsAdded', environments: [ENV_A] });
    await waitUntil(() => t.replica.changeFeed.lastId() === last);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(t.fanout.connectionCount()).toBe(3);
  });

  it('ends every stream of the environments of a deleted proxy key', async () => {
    await publishProxyChange(t.events, { event: 'proxyKeyDeleted', environments: [ENV_A, ENV_B] });
    await Promise.all([a1.waitForEnd(), a2.waitForEnd(), b1.waitForEnd()]);
    await waitUntil(() => t.fanout.connectionCount() === 0);
    expect(await closedWith('proxy_key_deleted')).toBe(3);
    expect(await t.registry.metrics()).toContain(`ff_proxy_sdk_sse_connections{envID="${ENV_A}"} 0`);
  });

  it('logs and counts a client that goes away', async () => {
    a1.close();
    await waitUntil(() => t.fanout.connectionCount(ENV_A) === 1);
    expect(await closedWith('client_disconnect')).toBe(1);
    const [line] = t.logger.find('sse stream closed');
    expect(line).toMatchObject({ level: 'info', envID: ENV_A, reason: 'client_disconnect', appID: 'unknown' });
    expect(typeof line?.['durationMs']).toBe('number');
    expect(typeof line?.['reqID']).toBe('string');
    expect(t.logger.find('sse stream opened')).toHaveLength(3);
  });

  it('spreads stream ends over min(5 s, SHUTDOWN_TIMEOUT/2) on shutdown and refuses new streams', async () => {
    const clock = t.fakeClock as FakeClock;
    const ended = () => [a1, a2, b1].filter((stream) => stream.isEnded()).length;
    t.fanout.prepareClose?.();
    await waitUntil(() => ended() === 1);
    const refused = await openTestStream({
      port: t.port,
      headers: { Authorization: `Bearer ${tokens.tokenFor(ENV_A, 'key-a1')}`, 'API-Key': 'key-a1' },
    });
    expect(refused.status).toBe(503);
    await refused.waitForEnd();
    expect(refused.text()).toBe('{"error":"shutting down"}');
    await clock.advance(66);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(ended()).toBe(1);
    await clock.advance(1);
    await waitUntil(() => ended() === 2);
    await clock.advance(67);
    await waitUntil(() => ended() === 3);
    await waitUntil(() => t.fanout.connectionCount() === 0);
    expect(await closedWith('shutdown')).toBe(3);
  });
});
