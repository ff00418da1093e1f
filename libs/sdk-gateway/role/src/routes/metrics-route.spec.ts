import request from 'supertest';
import { streamNames } from '@relay/redis-contract';
import { createMemoryStore, StoreError, type EventStream } from '@relay/store';
import { seedEnvironment, startGatewayTestbed, type GatewayTestbed, type GatewayTestbedOptions } from '../testing';

const ENV = '71716f30-aea0-4271-89b5-cb1c82be4567';
const KEY = 'apikey1';
const metricsData = [
  {
    timestamp: 1700000000000,
    count: 2,
    metricsType: 'FFMETRICS',
    attributes: [
      { key: 'featureIdentifier', value: 'bool-flag1' },
      { key: 'SDK_VERSION', value: '1.8.12' },
    ],
  },
];
const targetData = [{ identifier: 'user1', name: 'User 1', attributes: [{ key: 'plan', value: 'pro' }] }];

describe('POST /metrics/{env}', () => {
  let bed: GatewayTestbed;
  let token: string;
  const start = async (options: GatewayTestbedOptions = {}) => {
    bed = await startGatewayTestbed(options);
    await seedEnvironment(bed.cache, ENV, { sdkKeys: [KEY] });
    token = await bed.tokenFor(ENV, KEY);
  };
  const post = (body: unknown) =>
    request(bed.app).post(`/metrics/${ENV}?cluster=1`).set('Authorization', `Bearer ${token}`).set('Content-Type', 'text/plain').send(typeof body === 'string' ? body : JSON.stringify(body));
  const entries = async () => bed.events.rangeAfter(streamNames.sdkMetrics, '0-0', 100);

  afterEach(() => bed.close());

  it('appends one entry with the environment and the items exactly as sent, then answers 200 null', async () => {
    await start();
    const res = await post({ targetData, metricsData }).expect(200).expect('Content-Type', 'application/json; charset=utf-8');
    expect(res.text).toBe('null');
    const [entry, ...rest] = await entries();
    expect(rest).toEqual([]);
    expect(entry?.event).toBe(JSON.stringify({ environment_id: ENV, metricsData, targetData }));
    expect(await bed.registry.metrics()).toContain('ff_proxy_replica_metrics_stream_producer_messages_published{topic="stream:sdk_metrics",error="false"} 1');
  });

  it('omits an array the request did not have (or sent as null)', async () => {
    await start();
    await post({ metricsData, targetData: null }).expect(200);
    await post({ targetData, metricsData: [] }).expect(200);
    expect((await entries()).map((entry) => entry.event)).toEqual([
      JSON.stringify({ environment_id: ENV, metricsData }),
      JSON.stringify({ environment_id: ENV, metricsData: [], targetData }),
    ]);
  });

  it('appends nothing when both arrays are absent or empty', async () => {
    await start();
    await post({}).expect(200);
    await post({ metricsData: [], targetData: [] }).expect(200);
    expect(await entries()).toEqual([]);
  });

  it('trims the stream to exactly METRICS_STREAM_MAX_LEN', async () => {
    await start({ config: { metricsStreamMaxLen: 2 } });
    for (let i = 0; i < 3; i++) await post({ metricsData }).expect(200);
    expect(await entries()).toHaveLength(2);
    expect((await bed.events.info(streamNames.sdkMetrics))?.entriesAdded).toBe(3);
  });

  it.each([
    ['', 'bad request: request body cannot be empty'],
    ['{', 'bad request: request body is not valid JSON'],
    ['[]', 'bad request: request body must be a JSON object'],
    ['{"metricsData":{}}', 'bad request: metricsData must be an array of objects'],
    ['{"metricsData":[1]}', 'bad request: metricsData must be an array of objects'],
    ['{"targetData":"x"}', 'bad request: targetData must be an array of objects'],
  ])('answers 400 to %j and appends nothing', async (body, message) => {
    await start();
    await post(body).expect(400, { error: message });
    expect(await entries()).toEqual([]);
  });

  it('checks the token and the environment before the body', async () => {
    await start();
    await request(bed.app).post(`/metrics/${ENV}`).send('{').expect(401, { error: 'missing or malformed jwt' });
    await request(bed.app).post('/metrics/other-env').set('Authorization', `Bearer ${token}`).send({ metricsData }).expect(401);
    expect(await entries()).toEqual([]);
  });

  it('answers 413 to an oversized body and 405 with Allow to GET', async () => {
    await start({ config: { maxRequestBodyBytes: 1024 } });
    await post({ metricsData: [{ blob: 'x'.repeat(2000) }] }).expect(413, { error: 'request body too large' });
    const res = await request(bed.app).get(`/metrics/${ENV}`).expect(405);
    expect(res.headers['allow']).toBe('POST, OPTIONS');
  });

  it('answers 500, never 200, when the append fails', async () => {
    const memory = createMemoryStore();
    const events: EventStream = {
      ...memory.events,
      append: async () => {
        throw new StoreError('UNAVAILABLE', 'connection is closed');
      },
    };
    await start({ store: { cache: memory.cache, events } });
    await post({ metricsData }).expect(500, { error: 'internal error' });
    expect(await bed.registry.metrics()).toContain('ff_proxy_replica_metrics_stream_producer_messages_published{topic="stream:sdk_metrics",error="err_publishing"} 1');
  });
});
