export * from './config-cache';
export * from './event-stream';
export * from './store-error';
export * from './create-memory-store';
export * from './create-store-health-monitor';
export * from './check-eviction-policy';
export * from './instrument-config-cache';
