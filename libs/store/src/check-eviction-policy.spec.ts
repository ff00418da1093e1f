import { createCapturingLogger } from '@relay/logging/testing';
import { checkEvictionPolicy } from './check-eviction-policy';
import { createMemoryStore } from './create-memory-store';
import { StoreError } from './store-error';

const answering = (policies: string[] | undefined) => ({ evictionPolicies: async () => policies });

describe('checkEvictionPolicy', () => {
  it('warns once per unsafe policy found on the masters', async () => {
    const logger = createCapturingLogger();
    await checkEvictionPolicy(answering(['noeviction', 'allkeys-lru', 'allkeys-lru']), logger);
    expect(logger.lines).toEqual([{ level: 'warn', msg: 'redis eviction policy unsafe', policy: 'allkeys-lru' }]);
  });

  it('says nothing for noeviction, or when the store cannot tell or does not answer', async () => {
    const logger = createCapturingLogger();
    await checkEvictionPolicy(answering(['noeviction', 'noeviction']), logger);
    await checkEvictionPolicy(answering(undefined), logger);
    await checkEvictionPolicy({ evictionPolicies: () => Promise.reject(new StoreError('UNAVAILABLE', 'down')) }, logger);
    await checkEvictionPolicy(createMemoryStore().cache, logger);
    expect(logger.lines).toEqual([]);
  });
});
