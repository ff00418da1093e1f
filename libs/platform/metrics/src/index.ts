export * from './create-metrics-registry';
export * from './instruments';
export * from './create-cache-metrics';
export type { Registry } from 'prom-client';
export * from './sync-state-gauges';
