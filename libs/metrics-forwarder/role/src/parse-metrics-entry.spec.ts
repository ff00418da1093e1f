import { normaliseMetricsItem, normaliseTargetItem, parseMetricsEntry } from './parse-metrics-entry';

const entry = (event: unknown, id = '1700000000123-0') => ({
  id,
  event: typeof event === 'string' ? event : JSON.stringify(event),
});

describe('parseMetricsEntry', () => {
  it.each([
    ['invalid JSON', '{"environment_id":', ''],
    ['a JSON array', '[1,2]', ''],
    ['a missing environment_id', { metricsData: [] }, ''],
    ['an empty environment_id', { environment_id: '' }, ''],
    ['metricsData that is not an array', { environment_id: 'env-1', metricsData: {} }, 'env-1'],
    ['targetData that is not an array', { environment_id: 'env-1', targetData: 'x' }, 'env-1'],
  ])('given %s, reports the whole entry malformed under its envID', (_name, event, envId) => {
    expect(parseMetricsEntry(entry(event))).toEqual({ kind: 'malformed', envId });
  });

  it('given absent or null parts, returns a valid entry without items', () => {
    expect(parseMetricsEntry(entry({ environment_id: 'env-1', metricsData: null }))).toEqual({
      kind: 'valid',
      envId: 'env-1',
      metricsData: [],
      targetData: [],
      malformedItems: 0,
    });
  });

  it('keeps valid items and counts malformed ones', () => {
    const parsed = parseMetricsEntry(
      entry({
        environment_id: 'env-1',
        metricsData: [
          { attributes: [{ key: 'featureIdentifier', value: 'f' }], count: 2, timestamp: 5 },
          { attributes: 'no' },
          7,
        ],
        targetData: [{ identifier: 'u1' }, { identifier: '' }, { name: 'nobody' }],
      }),
    );
    expect(parsed).toEqual({
      kind: 'valid',
      envId: 'env-1',
      metricsData: [
        { attributes: [{ key: 'featureIdentifier', value: 'f' }], count: 2, metricsType: 'FFMETRICS', timestamp: 5 },
      ],
      targetData: [{ identifier: 'u1', name: 'u1', attributes: [] }],
      malformedItems: 4,
    });
  });
});

describe('normaliseMetricsItem', () => {
  it('turns attribute keys and values into strings and truncates the count', () => {
    const item = {
      attributes: [
        { key: 'n', value: 3 },
        { key: 7, value: true },
      ],
      count: 2.9,
      metricsType: 'FFMETRICS',
      timestamp: 1,
    };
    expect(normaliseMetricsItem(item, '5-0')).toEqual({
      attributes: [
        { key: 'n', value: '3' },
        { key: '7', value: 'true' },
      ],
      count: 2,
      metricsType: 'FFMETRICS',
      timestamp: 1,
    });
  });

  it('defaults a count that is not a finite number to 1 and a bad timestamp to the entry id time', () => {
    expect(normaliseMetricsItem({ attributes: [], count: 'many', timestamp: 'now' }, '1700000000123-4')).toEqual({
      attributes: [],
      count: 1,
      metricsType: 'FFMETRICS',
      timestamp: 1_700_000_000_123,
    });
    expect(normaliseMetricsItem({ attributes: [], count: Number.NaN }, '9-0')?.count).toBe(1);
  });

  it('drops an item whose attributes are not an array of objects', () => {
    expect(normaliseMetricsItem({ count: 1 }, '1-0')).toBeUndefined();
    expect(normaliseMetricsItem({ attributes: [null] }, '1-0')).toBeUndefined();
    expect(normaliseMetricsItem('item', '1-0')).toBeUndefined();
  });
});

describe('normaliseTargetItem', () => {
  it('defaults the name to the identifier and keeps string attributes', () => {
    expect(normaliseTargetItem({ identifier: 'u1', name: '', attributes: [{ key: 'plan', value: 'pro' }] })).toEqual({
      identifier: 'u1',
      name: 'u1',
      attributes: [{ key: 'plan', value: 'pro' }],
    });
  });

  it('turns an attributes object into key/value pairs', () => {
    expect(
      normaliseTargetItem({ identifier: 'u1', name: 'U', attributes: { plan: 'pro', seats: 3 } })?.attributes,
    ).toEqual([
      { key: 'plan', value: 'pro' },
      { key: 'seats', value: '3' },
    ]);
  });

  it('drops a target without a non-empty string identifier', () => {
    expect(normaliseTargetItem({ identifier: 3 })).toBeUndefined();
    expect(normaliseTargetItem({ identifier: 'u1', attributes: 'x' })).toBeUndefined();
  });
});
