import { createMemoryStore } from './create-memory-store';
import { describeConfigCacheContract, describeEventStreamContract } from './testing';

// The shared contract suite (spec/redis-contract.md §10) against the in-memory adapter, on the real
// clock so that it runs exactly as it does against Redis.
describeConfigCacheContract('in-memory', () => createMemoryStore());
describeEventStreamContract('in-memory', () => createMemoryStore());
