import { createFakeClock } from '@relay/lifecycle/testing';
import { createCapturingLogger } from '@relay/logging/testing';
import { createMetricsRegistry } from '@relay/metrics';
import { createFakeMetricsPoster } from './fake-metrics-poster';
import type { ForwardJob } from './forward-job';
import { createMetricsForwarderMetrics } from './metrics-forwarder-metrics';
import { createJobSender } from './send-job';
import { metricValue } from './testing/metric-value';

const NOW = 1_700_000_000_000;
const metricsPart = {
  metricsData: [
    { attributes: [{ key: 'SDK_TYPE', value: 'server' }], count: 3, metricsType: 'FFMETRICS', timestamp: 1 },
  ],
};
const targetPart = { targetData: [{ identifier: 'u1', name: 'u1', attributes: [] }] };

function job(overrides: Partial<ForwardJob> = {}): ForwardJob {
  return {
    envId: 'env-1',
    parts: [metricsPart, targetPart],
    ids: ['1-0', '2-0'],
    oldestMs: NOW - 1000,
    bytes: 10,
    failedAttempts: 0,
    dropCounted: false,
    ...overrides,
  };
}

function setup() {
  const clock = createFakeClock(NOW);
  const poster = createFakeMetricsPoster();
  const logger = createCapturingLogger();
  const registry = createMetricsRegistry({ service: 'metrics-forwarder', version: 'test' });
  const send = createJobSender({
    poster,
    clock,
    logger,
    metrics: createMetricsForwarderMetrics(registry),
    maxRetryAgeMs: 900_000,
    random: () => 0.5,
  });
  return { clock, poster, logger, registry, send };
}

const failure = (status: number, retryAfterMs?: number) =>
  ({
    outcome: 'failed',
    status,
    retryable: status >= 500 || status === 429 || status === 408,
    retryAfterMs,
    error: new Error(`${status}`),
  }) as const;

describe('createJobSender', () => {
  it('posts metricsData first, then targetData, and counts accepted POSTs and SDK usage', async () => {
    const { poster, registry, send, logger } = setup();
    await expect(send(job())).resolves.toEqual({ resolved: true });
    expect(poster.posts).toEqual([
      { envId: 'env-1', body: metricsPart },
      { envId: 'env-1', body: targetPart },
    ]);
    expect(await metricValue(registry, 'ff_proxy_metrics_forwarded', { envID: 'env-1', error: 'false' })).toBe(2);
    expect(
      await metricValue(registry, 'ff_proxy_sdk_usage', {
        envID: 'env-1',
        sdk_type: 'server',
        sdk_version: '',
        sdk_language: '',
      }),
    ).toBe(1);
    expect(logger.find('metrics posted')).toHaveLength(2);
    expect(logger.find('metrics posted')[0]).toMatchObject({ level: 'debug', envID: 'env-1', items: 1, status: 200 });
  });

  it('given a 5xx, backs off 1 s, 2 s, 4 s and resumes with the part that failed', async () => {
    const { poster, registry, send, logger } = setup();
    const pending = job();
    poster.respondWith({ outcome: 'accepted', status: 200 }, failure(503), failure(503), failure(500));
    expect(await send(pending)).toEqual({ resolved: false, retryInMs: 1000 });
    expect(await send(pending)).toEqual({ resolved: false, retryInMs: 2000 });
    expect(await send(pending)).toEqual({ resolved: false, retryInMs: 4000 });
    expect(await send(pending)).toEqual({ resolved: true });
    expect(poster.posts.map((post) => Object.keys(post.body)[0])).toEqual([
      'metricsData',
      'targetData',
      'targetData',
      'targetData',
      'targetData',
    ]);
    expect(await metricValue(registry, 'ff_proxy_metrics_forwarded', { error: 'true' })).toBe(3);
    expect(await metricValue(registry, 'ff_proxy_metrics_post_retries_total', { envID: 'env-1' })).toBe(3);
    expect(logger.find('metrics post failed')[0]).toMatchObject({
      level: 'warn',
      envID: 'env-1',
      status: 503,
      retryInMs: 1000,
    });
  });

  it('caps the backoff at 60 s and honours Retry-After', async () => {
    const { poster, send } = setup();
    poster.respondWith(failure(429, 7000), failure(503));
    expect(await send(job())).toEqual({ resolved: false, retryInMs: 7000 });
    expect(await send(job({ failedAttempts: 12 }))).toEqual({ resolved: false, retryInMs: 60_000 });
  });

  it('drops a failing job whose oldest entry is past METRICS_MAX_RETRY_AGE as expired', async () => {
    const { poster, registry, send, logger } = setup();
    poster.respondWith({ outcome: 'failed', retryable: true, error: new Error('socket hang up') });
    const old = job({ oldestMs: NOW - 900_000 });
    expect(await send(old)).toEqual({ resolved: true });
    expect(old.parts).toEqual([]);
    expect(await metricValue(registry, 'ff_proxy_metrics_dropped_total', { envID: 'env-1', reason: 'expired' })).toBe(
      2,
    );
    expect(logger.find('metrics dropped')).toEqual([
      expect.objectContaining({ level: 'error', reason: 'expired', count: 2 }),
    ]);
  });

  it('drops a part SaaS rejects with another 4xx and still sends the other part', async () => {
    const { poster, registry, send } = setup();
    poster.respondWith(failure(400));
    expect(await send(job())).toEqual({ resolved: true });
    expect(poster.posts).toHaveLength(2);
    expect(await metricValue(registry, 'ff_proxy_metrics_dropped_total', { envID: 'env-1', reason: 'rejected' })).toBe(
      2,
    );
  });

  it('given a 401, authenticates again and retries at once, once per attempt', async () => {
    const { poster, send, registry } = setup();
    poster.respondWith(failure(401), { outcome: 'accepted', status: 202 });
    expect(await send(job({ parts: [metricsPart] }))).toEqual({ resolved: true });
    expect(poster.authentications()).toBe(1);
    poster.respondWith(failure(401), failure(401));
    expect(await send(job({ parts: [metricsPart] }))).toEqual({ resolved: false, retryInMs: 1000 });
    expect(poster.authentications()).toBe(2);
    expect(await metricValue(registry, 'ff_proxy_metrics_post_retries_total', {})).toBe(3);
  });

  it('given a rejected proxy key, logs it and retries later', async () => {
    const { poster, send, logger } = setup();
    poster.respondWith(failure(401));
    poster.authenticateWith({
      ok: false,
      keyRejected: true,
      status: 403,
      error: new Error('proxy key rejected (403)'),
    });
    expect(await send(job())).toEqual({ resolved: false, retryInMs: 1000 });
    expect(logger.find('proxy key rejected')).toEqual([expect.objectContaining({ level: 'error', status: 403 })]);
  });
});
