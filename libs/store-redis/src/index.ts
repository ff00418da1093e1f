export * from './connect-redis';
export type { RedisConnection, RedisTopology } from './redis-connection';
export type { RedisClient } from './redis-clients';
export * from './create-redis-config-cache';
export * from './create-redis-event-stream';
export * from './open-store';
