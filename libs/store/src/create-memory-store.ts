import { type Clock, systemClock } from '@relay/lifecycle';
import type { ConfigCache } from './config-cache';
import { createMemoryConfigCache } from './create-memory-config-cache';
import { createMemoryEventStream } from './create-memory-event-stream';
import type { EventStream } from './event-stream';
import { MemoryKeyspace } from './memory-keyspace';

/** Options of {@link createMemoryStore}. */
export interface MemoryStoreOptions {
  /** Time for TTLs, stream ids, idle times and blocking-read timeouts. Default: the system clock. */
  clock?: Clock;
}

/** The two ports over one in-process keyspace. */
export interface MemoryStore {
  cache: ConfigCache;
  events: EventStream;
}

/**
 * The in-memory store of the all-in-one process without `REDIS_ADDRESS` (spec/redis-contract.md §10):
 * a {@link ConfigCache} and an {@link EventStream} sharing one keyspace (as in Redis, a key is a string
 * or a stream), behaving like Redis ≥ 7.0 and passing the same contract suite. Nothing persists: a
 * restart starts empty.
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): MemoryStore {
  const keyspace = new MemoryKeyspace(options.clock ?? systemClock);
  return { cache: createMemoryConfigCache(keyspace), events: createMemoryEventStream(keyspace) };
}
