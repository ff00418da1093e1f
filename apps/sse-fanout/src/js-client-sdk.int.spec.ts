/**
 * @jest-environment node
 */
// The real JS client SDK against sse-fanout (spec/real-sdk-testing.md §4, §7), with the browser shims
// installed before the SDK module is loaded.
import { waitUntil } from '@relay/sse-fanout/testing';
import { installBrowserGlobals } from './testing/browser-globals';
import { CLIENT_KEY, ENV_ID, FLAG, startRealSdkStack, type RealSdkStack } from './testing/real-sdk-stack';

type ClientSdk = typeof import('@harnessio/ff-javascript-client-sdk');
type Result = ReturnType<ClientSdk['initialize']>;
interface Changed {
  flag: string;
  value: unknown;
}

const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const singleEvaluationFetch = `GET /client/env/${ENV_ID}/target/user1/evaluations/${FLAG}`;

describe('the real JS client SDK 1.32.0 on sse-fanout', () => {
  let sdk: ClientSdk;
  let stack: RealSdkStack;
  let client: Result | undefined;

  const connect = async (): Promise<Result> => {
    const cf = sdk.initialize(
      CLIENT_KEY,
      { identifier: 'user1', name: 'User 1' },
      {
        baseUrl: stack.baseUrl,
        eventUrl: stack.baseUrl,
        streamEnabled: true,
        pollingEnabled: false,
        enableAnalytics: false,
        logger: quiet,
      },
    );
    client = cf;
    const flags = await new Promise<Record<string, unknown>>((resolve, reject) => {
      cf.on(sdk.Event.READY, resolve);
      cf.on(sdk.Event.ERROR_AUTH, reject);
    });
    expect(flags).toEqual({ [FLAG]: false });
    return cf;
  };
  const changed = (cf: Result) =>
    new Promise<Changed>((resolve) => cf.on(sdk.Event.CHANGED, (change: Changed) => resolve(change)));

  beforeAll(async () => {
    installBrowserGlobals();
    sdk = await import('@harnessio/ff-javascript-client-sdk');
  });
  beforeEach(async () => {
    stack = await startRealSdkStack();
  });
  afterEach(async () => {
    client?.close();
    client = undefined;
    await stack.close();
  });

  it('reports changed for a change published to proxy:sse_events', async () => {
    const cf = await connect();
    expect(cf.variation(FLAG, true)).toBe(false);
    await stack.waitForStreams(1);
    const change = changed(cf);
    await stack.publishFlag('on');
    expect(await change).toMatchObject({ flag: FLAG, value: true });
    expect(cf.variation(FLAG, false)).toBe(true);
    cf.close();
    client = undefined;
    await stack.waitForStreams(0);
  });

  it('still gets an event published right after the initial comment', async () => {
    const firstComment = stack.nextComment();
    const cf = await connect();
    const change = changed(cf);
    await firstComment;
    await stack.publishFlag('on');
    expect(await change).toMatchObject({ flag: FLAG, value: true });
    await waitUntil(
      () => stack.gateway.requests.includes(singleEvaluationFetch),
      5000,
      'the fetch the stream event triggers',
    );
  });

  it('still gets an event published right after a heartbeat', async () => {
    const cf = await connect();
    await stack.waitForStreams(1);
    const change = changed(cf);
    await stack.nextComment();
    await stack.publishFlag('on');
    expect(await change).toMatchObject({ flag: FLAG, value: true });
  });
});
