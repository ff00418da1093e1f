import request from 'supertest';
import { createFakeClock } from '@relay/lifecycle/testing';
import { redisKeys, scanPatterns, sha256hex, streamNames } from '@relay/redis-contract';
import { createMemoryStore } from '@relay/store';
import {
  booleanFlag,
  createControllableCache,
  createFakeSdkTokens,
  seedEnvironment,
  startGatewayTestbed,
  type GatewayTestbed,
  type GatewayTestbedOptions,
} from '../testing';

const ENV = '71716f30-aea0-4271-89b5-cb1c82be4567';
const KEY = 'apikey1';

describe('POST /client/auth', () => {
  let bed: GatewayTestbed;
  const tokens = createFakeSdkTokens();
  const start = async (options: GatewayTestbedOptions = {}) => {
    bed = await startGatewayTestbed({ tokens, ...options });
    await seedEnvironment(bed.cache, ENV, { flags: [booleanFlag('f1')], sdkKeys: [KEY] });
    return bed;
  };
  const auth = (body: unknown) => request(bed.app).post('/client/auth').send(body as object);
  const metricsEntries = async () => (await bed.events.rangeAfter(streamNames.sdkMetrics, '0-0', 100)).map((entry) => JSON.parse(entry.event));

  afterEach(() => bed.close());

  it('issues a token for a known SDK key with the claims from the environment meta', async () => {
    await start();
    const res = await auth({ apiKey: KEY }).expect(200).expect('Content-Type', 'application/json; charset=utf-8');
    expect(Object.keys(res.body)).toEqual(['authToken']);
    expect(tokens.decode(res.body.authToken)).toEqual({
      apiKey: `auth-key-${sha256hex(KEY)}`,
      environment: ENV,
      accountID: 'acc-123',
      environmentIdentifier: 'dev',
    });
    expect(res.body.authToken).toBe(await tokens.issue(tokens.decode(res.body.authToken)));
  });

  it('matches body property names in any letter case', async () => {
    await start();
    await auth({ APIKEY: KEY, Target: { Identifier: 'u1' } }).expect(200);
    await bed.gateway.settled();
    expect(await bed.cache.get(redisKeys.targetConfig(ENV, 'u1'))).toBe('{"identifier":"u1","name":"u1"}');
  });

  it('drops the optional claims when the meta is missing, with a warning', async () => {
    await start();
    await seedEnvironment(bed.cache, ENV, { flags: [booleanFlag('f1')], meta: null });
    const res = await auth({ apiKey: KEY }).expect(200);
    expect(tokens.decode(res.body.authToken)).toEqual({ apiKey: `auth-key-${sha256hex(KEY)}`, environment: ENV });
    expect(bed.logger.find('environment meta missing')).toHaveLength(1);
  });

  it('answers 401 unauthorised for an unknown SDK key once synced, 503 before the first sync', async () => {
    await start();
    await auth({ apiKey: 'nope' }).expect(401, { error: 'unauthorised' });
    await bed.close();
    await start({ synced: false });
    await auth({ apiKey: 'nope' }).expect(503, { error: 'proxy has not synced with Harness yet' });
    // A known key works before the first sync too.
    await auth({ apiKey: KEY }).expect(200);
  });

  it('stores the target after answering, with TARGET_TTL, and never an empty identifier', async () => {
    await start({ config: { targetTtlSeconds: 120 } });
    const target = { identifier: 'user1', name: 'User 1', anonymous: false, attributes: { plan: 'pro' } };
    await auth({ apiKey: KEY, target }).expect(200);
    await auth({ apiKey: KEY, target: { name: 'no identifier' } }).expect(200);
    await bed.gateway.settled();
    expect(await bed.cache.get(redisKeys.targetConfig(ENV, 'user1'))).toBe(JSON.stringify(target));
    expect(await bed.cache.scan(scanPatterns.targetConfigs(ENV))).toEqual([redisKeys.targetConfig(ENV, 'user1')]);
    expect(await metricsEntries()).toEqual([]); // FORWARD_TARGETS is off
  });

  it('expires the stored target after TARGET_TTL seconds', async () => {
    const clock = createFakeClock();
    const store = createMemoryStore({ clock });
    await start({ store, config: { targetTtlSeconds: 60 } });
    await auth({ apiKey: KEY, target: { identifier: 'user1' } }).expect(200);
    await bed.gateway.settled();
    await clock.advance(59_000);
    expect(await bed.cache.exists(redisKeys.targetConfig(ENV, 'user1'))).toBe(true);
    await clock.advance(1001);
    expect(await bed.cache.exists(redisKeys.targetConfig(ENV, 'user1'))).toBe(false);
  });

  it('forwards non-anonymous targets with FORWARD_TARGETS, once per 10 minutes', async () => {
    await start({ config: { forwardTargets: true } });
    const target = { identifier: 'user1', name: 'User 1', attributes: { plan: 'pro', seats: 3 } };
    await auth({ apiKey: KEY, target }).expect(200);
    await auth({ apiKey: KEY, target }).expect(200);
    await auth({ apiKey: KEY, target: { identifier: 'anon', anonymous: true } }).expect(200);
    await bed.gateway.settled();
    expect(await metricsEntries()).toEqual([
      {
        environment_id: ENV,
        targetData: [{ identifier: 'user1', name: 'User 1', attributes: [{ key: 'plan', value: 'pro' }, { key: 'seats', value: '3' }] }],
      },
    ]);
  });

  it('does not forward targets when OFFLINE', async () => {
    await start({ config: { forwardTargets: true, offline: true } });
    await auth({ apiKey: KEY, target: { identifier: 'user1' } }).expect(200);
    await bed.gateway.settled();
    expect(await metricsEntries()).toEqual([]);
  });

  it('still answers 200 when the target write fails after the response', async () => {
    const cache = createControllableCache(createMemoryStore().cache);
    await start({ store: { cache, events: createMemoryStore().events } });
    await auth({ apiKey: KEY }).expect(200); // caches the SDK key lookup and the snapshot
    cache.failing = true;
    await auth({ apiKey: KEY, target: { identifier: 'user1' } }).expect(200);
    await bed.gateway.settled();
    expect(bed.logger.find('target write failed')).toHaveLength(1);
  });

  it('answers 500 when the SDK key lookup fails', async () => {
    const cache = createControllableCache(createMemoryStore().cache);
    await start({ store: { cache, events: createMemoryStore().events } });
    cache.failing = true;
    await auth({ apiKey: KEY }).expect(500, { error: 'internal error' });
    expect(bed.logger.find('request failed')).toHaveLength(1);
  });

  it.each([
    ['', 'bad request: request body cannot be empty'],
    ['   ', 'bad request: request body cannot be empty'],
    ['{"apiKey":', 'bad request: request body is not valid JSON'],
    ['[1]', 'bad request: request body must be a JSON object'],
    ['"apikey1"', 'bad request: request body must be a JSON object'],
    ['{}', 'bad request: apiKey cannot be empty'],
    ['{"apiKey":""}', 'bad request: apiKey cannot be empty'],
    ['{"apiKey":1}', 'bad request: apiKey cannot be empty'],
    ['{"apiKey":"apikey1","target":"user1"}', 'bad request: target is invalid'],
    ['{"apiKey":"apikey1","target":{"identifier":"a b"}}', 'bad request: target identifier is invalid'],
    ['{"apiKey":"apikey1","target":{"identifier":"ab","name":"<b>"}}', 'bad request: target name is invalid'],
  ])('answers 400 to %j and changes nothing', async (body, message) => {
    await start();
    await request(bed.app).post('/client/auth').set('Content-Type', 'text/plain').send(body).expect(400, { error: message });
    await bed.gateway.settled();
    expect(await bed.cache.scan(scanPatterns.targetConfigs(ENV))).toEqual([]);
  });

  it('answers 413 to a body over MAX_REQUEST_BODY_BYTES', async () => {
    await start({ config: { maxRequestBodyBytes: 1024 } });
    await auth({ apiKey: KEY, target: { identifier: 'u', attributes: { big: 'x'.repeat(2000) } } }).expect(413, { error: 'request body too large' });
  });

  it('answers 405 with Allow for other methods', async () => {
    await start();
    const res = await request(bed.app).get('/client/auth').expect(405, { error: 'method not allowed' });
    expect(res.headers['allow']).toBe('POST, OPTIONS');
  });
});
