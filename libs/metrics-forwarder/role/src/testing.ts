export * from './fake-metrics-poster';
