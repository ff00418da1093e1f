import request from 'supertest';
import { redisKeys } from '@relay/redis-contract';
import { startGatewayTestbed, type GatewayTestbed } from './testing';

describe('GET /health', () => {
  let bed: GatewayTestbed;
  afterEach(() => bed.close());

  it('answers the V2 shape with 200 once synced, and is not counted in the request metrics', async () => {
    bed = await startGatewayTestbed();
    const res = await request(bed.app).get('/health').expect(200);
    expect(res.body).toEqual({
      configStatus: { state: 'SYNCED', since: expect.any(Number) },
      streamStatus: { state: 'INITIALIZING', since: expect.any(Number) },
      cacheStatus: 'healthy',
    });
    expect(await bed.registry.metrics()).not.toContain('url="/health"');
  });

  it('answers 503 while initializing and 500 after a failed sync, with the body', async () => {
    bed = await startGatewayTestbed({ synced: false });
    expect((await request(bed.app).get('/health').expect(503)).body.configStatus.state).toBe('INITIALIZING');
    await bed.cache.set(redisKeys.configStatus(), JSON.stringify({ state: 'FAILED_TO_SYNC', since: 1, lastSyncedAt: null, source: 'saas', error: 'x' }));
    await bed.replica.configStatus.refresh();
    expect((await request(bed.app).get('/health').expect(500)).body.configStatus).toEqual({ state: 'FAILED_TO_SYNC', since: 1 });
  });

  it('answers READ_REPLICA with READ_REPLICA=true, HEAD without a body, 405 for POST', async () => {
    bed = await startGatewayTestbed({ config: { readReplica: true } });
    expect((await request(bed.app).get('/health').expect(200)).body.configStatus.state).toBe('READ_REPLICA');
    expect((await request(bed.app).head('/health').expect(200)).text).toBeUndefined();
    const res = await request(bed.app).post('/health').expect(405, { error: 'method not allowed' });
    expect(res.headers['allow']).toBe('GET, HEAD, OPTIONS');
  });

  it('is ready once synced, and not before', async () => {
    bed = await startGatewayTestbed({ synced: false });
    await request(bed.app).get('/readyz').expect(503, { status: 'not ready', reasons: ['never synced'] });
    expect(bed.gateway.heartbeatFields()).toEqual({ configState: 'INITIALIZING', streamState: 'INITIALIZING', cacheStatus: 'healthy', snapshots: 0 });
  });
});
