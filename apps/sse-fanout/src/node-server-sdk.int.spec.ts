/**
 * @jest-environment node
 */
// The real Node server SDK against sse-fanout (spec/real-sdk-testing.md §3, §7). No XMLHttpRequest
// global in this file: axios would pick its XHR adapter.
import { Client, Event, type KeyValueStore } from '@harnessio/ff-nodejs-server-sdk';
import { waitUntil } from '@relay/sse-fanout/testing';
import { ENV_ID, FLAG, SERVER_KEY, startRealSdkStack, type RealSdkStack } from './testing/real-sdk-stack';

const target = { identifier: 'user1', name: 'User 1', attributes: { plan: 'pro' } };
const quiet = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
const singleFlagFetch = `GET /client/env/${ENV_ID}/feature-configs/${FLAG}`;

/** A fresh cache per client: the SDK's default cache and store are shared by every client of a process. */
function freshCache(): KeyValueStore {
  const entries = new Map<string, unknown>();
  return {
    set: (key, value) => void entries.set(key, value),
    get: (key) => entries.get(key),
    delete: (key) => void entries.delete(key),
    *keys() {
      yield* entries.keys();
    },
  };
}

describe('the real Node server SDK 1.8.12 on sse-fanout', () => {
  let stack: RealSdkStack;
  let client: Client | undefined;

  const connect = async (): Promise<Client> => {
    const baseUrl = stack.baseUrl;
    client = new Client(SERVER_KEY, {
      baseUrl,
      eventsUrl: baseUrl,
      enableStream: true,
      enableAnalytics: false,
      axiosRetries: 0,
      cache: freshCache(),
      store: undefined,
      logger: quiet,
    });
    await client.waitForInitialization();
    return client;
  };
  const changed = (sdk: Client) =>
    new Promise<string>((resolve) => sdk.on(Event.CHANGED, (flag) => resolve(String(flag))));

  beforeEach(async () => {
    stack = await startRealSdkStack();
  });
  afterEach(async () => {
    client?.close();
    client = undefined;
    await stack.close();
  });

  it('reports changed for a change published to proxy:sse_events', async () => {
    const sdk = await connect();
    await stack.waitForStreams(1);
    expect(await sdk.boolVariation(FLAG, target, true)).toBe(false);
    const change = changed(sdk);
    await stack.publishFlag('on');
    expect(await change).toBe(FLAG);
    expect(await sdk.boolVariation(FLAG, target, false)).toBe(true);
    sdk.close();
    client = undefined;
    await stack.waitForStreams(0);
  });

  it('still gets an event published right after the initial comment (the 250 ms guard)', async () => {
    const firstComment = stack.nextComment();
    const sdk = await connect();
    const change = changed(sdk);
    await firstComment;
    await stack.publishFlag('on');
    expect(await change).toBe(FLAG);
    await waitUntil(
      () => stack.gateway.requests.includes(singleFlagFetch),
      5000,
      'the fetch the stream event triggers',
    );
    expect(await sdk.boolVariation(FLAG, target, false)).toBe(true);
  });

  it('still gets an event published right after a heartbeat', async () => {
    const sdk = await connect();
    await stack.waitForStreams(1);
    const change = changed(sdk);
    await stack.nextComment();
    await stack.publishFlag('on');
    expect(await change).toBe(FLAG);
    expect(stack.gateway.requests).toContain(singleFlagFetch);
  });
});
