export * from './read-sse-fanout-config';
export * from './create-sse-fanout';
export * from './fanout-metrics';
export * from './sse-connection';
export * from './sse-frames';
export * from './stream-router';
