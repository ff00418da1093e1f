export * from './test-redis-addresses';
export * from './flush-all';
export * from './start-redis-server';
