export * from './read-sse-fanout-config';
export * from './create-sse-fanout';
export * from './fanout-metrics';
export * from './sse-connection';
export * from './sse-frames';
export * from './authorize-stream';
export * from './stream-fast-path';
export * from './stream-router';
