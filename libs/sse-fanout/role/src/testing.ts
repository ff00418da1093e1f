export * from './testing/fake-token-verifier';
export * from './testing/seed-test-data';
export * from './testing/start-test-fanout';
export * from './testing/test-stream-client';
