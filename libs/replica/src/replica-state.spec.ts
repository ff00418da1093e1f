import request from 'supertest';
import express from 'express';
import { createFakeClock } from '@relay/lifecycle/testing';
import { systemClock } from '@relay/lifecycle';
import { createCapturingLogger } from '@relay/logging/testing';
import { createMetricsRegistry } from '@relay/metrics';
import { redisKeys, streamNames } from '@relay/redis-contract';
import { createMemoryStore, type ConfigCache } from '@relay/store';
import { createHealthRouter } from './health-router';
import { createReplicaMetrics } from './replica-metrics';
import { createReplicaState } from './replica-state';
import { createStreamHealthFollower } from './stream-health-follower';

const verifier = { verify: async () => ({ environment: 'e', apiKey: 'auth-key-x' }) };

function setup(options: { readReplica?: boolean; revalidateIntervalMs?: number } = {}) {
  const store = createMemoryStore();
  const registry = createMetricsRegistry({ service: 't', version: '0' });
  const state = createReplicaState({
    cache: store.cache, events: store.events, verifier, clock: systemClock, logger: createCapturingLogger(), registry,
    revalidateIntervalMs: options.revalidateIntervalMs ?? 60_000, readReplica: options.readReplica ?? false, pingStore: false,
    timings: { blockMs: 50, unsyncedPollMs: 20 },
  });
  return { store, state, registry };
}

const status = (cache: ConfigCache, value: object) => cache.set(redisKeys.configStatus(), JSON.stringify(value));
const waitFor = async (predicate: () => boolean, ms = 3000) => {
  const until = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe('createReplicaState', () => {
  it('is not ready until a sync was seen, and stays synced when the status later disappears', async () => {
    const { store, state } = setup({ revalidateIntervalMs: 30 });
    await state.start();
    expect(state.notReadyReasons()).toEqual(['never synced']);
    await status(store.cache, { state: 'SYNCED', since: 1, lastSyncedAt: 2, source: 'saas', error: '' });
    await waitFor(() => state.configStatus.hasSynced());
    expect(state.notReadyReasons()).toEqual([]);
    await store.cache.delete(redisKeys.configStatus());
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(state.configStatus.hasSynced()).toBe(true);
    await state.close();
  });

  it('reports a schema version newer than it supports', async () => {
    const { store, state } = setup();
    await store.cache.set(redisKeys.schemaVersion(), '2');
    await state.start();
    expect(state.notReadyReasons()).toContain('unsupported schema version');
    await state.close();
  });

  it('runs the revalidation listeners on every tick', async () => {
    const { state } = setup({ revalidateIntervalMs: 20 });
    let ticks = 0;
    state.onRevalidate(() => void ticks++);
    await state.start();
    await waitFor(() => ticks >= 2);
    await state.close();
  });
});

describe('/health', () => {
  async function health(setupOptions: { readReplica?: boolean }, configStatus?: object, streamEntry?: object) {
    const { store, state } = setup(setupOptions);
    if (configStatus) await status(store.cache, configStatus);
    if (streamEntry) await store.events.append(streamNames.saasStreamHealth, JSON.stringify(streamEntry), 100);
    await state.start();
    const app = express().use(createHealthRouter(state));
    const res = await request(app).get('/health');
    await state.close();
    return res;
  }

  it('answers 503 with the body while initializing', async () => {
    const res = await health({});
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ configStatus: { state: 'INITIALIZING', since: expect.any(Number) }, streamStatus: { state: 'INITIALIZING', since: expect.any(Number) }, cacheStatus: 'healthy' });
  });

  it('answers 200 when synced, with the followed stream state', async () => {
    const since = Date.now();
    const res = await health({}, { state: 'SYNCED', since: 5, lastSyncedAt: 6, source: 'saas', error: '' }, { state: 'CONNECTED', since });
    expect(res.status).toBe(200);
    expect(res.text).toBe(`{"configStatus":{"state":"SYNCED","since":5},"streamStatus":{"state":"CONNECTED","since":${since}},"cacheStatus":"healthy"}`);
  });

  it('answers 500 with the body when the sync failed, and 200 READ_REPLICA for read replicas', async () => {
    const failed = { state: 'FAILED_TO_SYNC', since: 5, lastSyncedAt: null, source: 'saas', error: 'x' };
    expect((await health({}, failed)).status).toBe(500);
    const replica = await health({ readReplica: true }, failed);
    expect(replica.status).toBe(200);
    expect(replica.body.configStatus.state).toBe('READ_REPLICA');
  });
});

describe('createStreamHealthFollower', () => {
  it('reports DISCONNECTED since the last entry when no entry arrived for 30 s', async () => {
    const clock = createFakeClock(1_700_000_000_000);
    const store = createMemoryStore({ clock });
    const registry = createMetricsRegistry({ service: 't', version: '0' });
    await store.events.append(streamNames.saasStreamHealth, JSON.stringify({ state: 'CONNECTED', since: 1_699_999_999_000 }), 100);
    const follower = createStreamHealthFollower({ events: store.events, clock, logger: createCapturingLogger(), metrics: createReplicaMetrics(registry), blockMs: 50 });
    await follower.start();
    expect(follower.state()).toEqual({ state: 'CONNECTED', since: 1_699_999_999_000 });
    expect(await registry.metrics()).toMatch(/ff_proxy_stream_health\{host="[^"]+"\} 1/);
    await clock.advance(30_001);
    expect(follower.state()).toEqual({ state: 'DISCONNECTED', since: 1_700_000_000_000 });
    expect(await registry.metrics()).toMatch(/ff_proxy_stream_health\{host="[^"]+"\} 0/);
    await follower.close();
  });
});
