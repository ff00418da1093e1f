export * from './read-sse-fanout-config';
