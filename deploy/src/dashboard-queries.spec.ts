import { isExported, metricNamesIn } from './dashboard-queries';

describe('metricNamesIn', () => {
  it('finds the product and runtime metric names of a PromQL expression, not functions or labels', () => {
    const expression =
      'histogram_quantile(0.95, sum by (le, url) (rate(ff_proxy_http_requests_duration_bucket{job=~"$job"}[5m]))) / process_cpu_seconds_total';
    expect(metricNamesIn(expression)).toEqual(['ff_proxy_http_requests_duration_bucket', 'process_cpu_seconds_total']);
  });
});

describe('isExported', () => {
  const metrics = [
    { name: 'ff_proxy_http_requests_duration', type: 'histogram' },
    { name: 'ff_proxy_redis_cache_write_count', type: 'counter' },
  ];

  it('accepts a metric and the series of a histogram', () => {
    expect(
      [
        'ff_proxy_http_requests_duration_bucket',
        'ff_proxy_http_requests_duration_sum',
        'ff_proxy_redis_cache_write_count',
      ].map((name) => isExported(name, metrics)),
    ).toEqual([true, true, true]);
  });

  it('rejects unknown names and histogram suffixes on counters', () => {
    expect(
      ['ff_proxy_redis_cache_write', 'ff_proxy_redis_cache_write_count_bucket', 'ff_proxy_nope'].map((name) =>
        isExported(name, metrics),
      ),
    ).toEqual([false, false, false]);
  });
});
