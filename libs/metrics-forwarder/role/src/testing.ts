export * from './fake-metrics-poster';
export * from './testing/metric-value';
