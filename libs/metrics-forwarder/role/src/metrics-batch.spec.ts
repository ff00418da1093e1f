import { createMetricsBatch, metricsMergeKey, type BatchEntry } from './metrics-batch';
import type { MetricsItem } from './metrics-poster';

const item = (attributes: Record<string, string>, count = 1, timestamp = 1): MetricsItem => ({
  attributes: Object.entries(attributes).map(([key, value]) => ({ key, value })),
  count,
  metricsType: 'FFMETRICS',
  timestamp,
});

const entry = (
  id: string,
  envId: string,
  metricsData: MetricsItem[],
  overrides: Partial<BatchEntry> = {},
): BatchEntry => ({
  id,
  envId,
  bytes: 10,
  metricsData,
  targetData: [],
  ...overrides,
});

describe('metricsMergeKey', () => {
  it('uses featureIdentifier, else featureName, with variation, SDK language and version', () => {
    expect(
      metricsMergeKey(
        item({ featureIdentifier: 'f', variationIdentifier: 'on', SDK_LANGUAGE: 'go', SDK_VERSION: '1' }),
      ),
    ).toBe('["f","on","go","1"]');
    expect(metricsMergeKey(item({ featureIdentifier: '', featureName: 'g' }))).toBe('["g","","",""]');
  });
});

describe('createMetricsBatch', () => {
  it('adds counts of equal keys and keeps the first item of each key', () => {
    const batch = createMetricsBatch();
    const first = item({ featureIdentifier: 'f', variationIdentifier: 'on', target: 'alice' }, 2, 100);
    batch.add(entry('1-0', 'env-1', [first, item({ featureIdentifier: 'f', variationIdentifier: 'off' }, 1)]));
    batch.add(
      entry('2-0', 'env-1', [item({ featureIdentifier: 'f', variationIdentifier: 'on', target: 'bob' }, 5, 200)]),
    );
    const [job] = batch.take();
    expect(job?.parts).toEqual([
      {
        metricsData: [{ ...first, count: 7 }, item({ featureIdentifier: 'f', variationIdentifier: 'off' }, 1)],
      },
    ]);
  });

  it('keeps separate keys for separate SDK languages and versions', () => {
    const batch = createMetricsBatch();
    batch.add(entry('1-0', 'env-1', [item({ featureIdentifier: 'f', SDK_LANGUAGE: 'go', SDK_VERSION: '1' })]));
    batch.add(entry('2-0', 'env-1', [item({ featureIdentifier: 'f', SDK_LANGUAGE: 'go', SDK_VERSION: '2' })]));
    batch.add(entry('3-0', 'env-1', [item({ featureIdentifier: 'f', SDK_LANGUAGE: 'javascript', SDK_VERSION: '2' })]));
    const [job] = batch.take();
    expect((job?.parts[0] as { metricsData: MetricsItem[] }).metricsData).toHaveLength(3);
  });

  it('makes one job per environment with its ids, oldest id time and bytes', () => {
    const batch = createMetricsBatch();
    batch.add(entry('1700000000500-0', 'env-1', [item({ featureIdentifier: 'f' })], { bytes: 7 }));
    batch.add(
      entry('1700000000100-3', 'env-2', [], { targetData: [{ identifier: 'u', name: 'u', attributes: [] }], bytes: 5 }),
    );
    batch.add(entry('1700000000200-0', 'env-1', [], { bytes: 3 }));
    expect(batch.bytes()).toBe(15);
    expect(batch.ids()).toEqual(['1700000000500-0', '1700000000100-3', '1700000000200-0']);
    const jobs = batch.take();
    expect(jobs.map(({ envId, ids, oldestMs, bytes }) => ({ envId, ids, oldestMs, bytes }))).toEqual([
      { envId: 'env-1', ids: ['1700000000500-0', '1700000000200-0'], oldestMs: 1_700_000_000_200, bytes: 10 },
      { envId: 'env-2', ids: ['1700000000100-3'], oldestMs: 1_700_000_000_100, bytes: 5 },
    ]);
    expect(jobs[1]?.parts).toEqual([{ targetData: [{ identifier: 'u', name: 'u', attributes: [] }] }]);
    expect(batch.isEmpty()).toBe(true);
    expect(batch.bytes()).toBe(0);
  });

  it('de-duplicates targets by identifier, the last one winning, and sends no empty part', () => {
    const batch = createMetricsBatch();
    const target = (name: string) => ({ identifier: 'u1', name, attributes: [] });
    batch.add(entry('1-0', 'env-1', [], { targetData: [target('old')] }));
    batch.add(entry('2-0', 'env-1', [], { targetData: [target('new')] }));
    expect(batch.take()[0]?.parts).toEqual([{ targetData: [target('new')] }]);
  });
});
