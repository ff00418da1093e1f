import { hasMetricsItems, readMetricsBody } from './read-metrics-body';

describe('readMetricsBody', () => {
  it('keeps each array exactly as sent, and only when present and not null', () => {
    const metricsData = [{ count: 1, attributes: [{ key: 'k', value: 'v' }], extra: { x: null } }];
    expect(readMetricsBody({ metricsData, targetData: null })).toEqual({ metricsData });
    expect(readMetricsBody({ targetData: [] })).toEqual({ targetData: [] });
    expect(readMetricsBody({ other: 1 })).toEqual({});
  });

  it('says whether there is anything to append', () => {
    expect(hasMetricsItems({})).toBe(false);
    expect(hasMetricsItems({ metricsData: [], targetData: [] })).toBe(false);
    expect(hasMetricsItems({ targetData: [{}] })).toBe(true);
  });

  it.each([
    [{ metricsData: {} }, 'metricsData'],
    [{ metricsData: 'x' }, 'metricsData'],
    [{ metricsData: [1] }, 'metricsData'],
    [{ metricsData: [null] }, 'metricsData'],
    [{ metricsData: [[]] }, 'metricsData'],
    [{ targetData: [{}, 'x'] }, 'targetData'],
    [{ targetData: true }, 'targetData'],
  ])('refuses %j', (body, field) => {
    expect(() => readMetricsBody(body)).toThrow(`bad request: ${field} must be an array of objects`);
  });
});
