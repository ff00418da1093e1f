import { type RedisKey, redisKeys, scanPatterns } from '@relay/redis-contract';
import type { ContractStore } from './contract-store';

const ENV = '71716f30-aea0-4271-89b5-cb1c82be4567';
const OTHER_ENV = '0d7a9d3a-2f9e-4d8c-9a55-1f0c0b0a0e11';

const sorted = (keys: readonly string[]) => [...keys].sort();

async function setAll(store: ContractStore, keys: readonly RedisKey[]): Promise<void> {
  // Independent single-key commands, bounded in flight (spec/redis-contract.md §5.1).
  for (let start = 0; start < keys.length; start += 64) {
    await Promise.all(keys.slice(start, start + 64).map((key) => store.cache.set(key, '{}')));
  }
}

/** §10.5: `scan` returns every matching key exactly once (Cluster: across all masters), escapes honoured. */
export function describeScanContract(store: () => ContractStore): void {
  describe('given scans', () => {
    it('returns every matching key exactly once, across pages and masters', async () => {
      const wanted = Array.from({ length: 2500 }, (_, i) => redisKeys.targetConfig(ENV, `user-${i}`));
      const others = [
        redisKeys.targetConfig(OTHER_ENV, 'user-1'),
        redisKeys.featureConfigs(ENV),
        redisKeys.featureConfig(ENV, 'target-config-x'),
      ];
      await setAll(store(), [...wanted, ...others]);
      const found = await store().cache.scan(scanPatterns.targetConfigs(ENV));
      expect(found).toHaveLength(wanted.length);
      expect(sorted(found)).toEqual(sorted(wanted));
    });

    it('returns nothing when no key matches', async () => {
      await store().cache.set(redisKeys.featureConfigs(ENV), '[]');
      expect(await store().cache.scan(scanPatterns.targetConfigs(ENV))).toEqual([]);
    });

    it.each(['a*b', 'a?b', 'a[b]c', 'a\\b', 'a[^x]b'])('matches environment %j literally', async (envId) => {
      const decoys = ['aXb', 'ab', 'a*bb', 'abc', 'a\\\\b', 'a[b]cd'].filter((decoy) => decoy !== envId);
      const own = [redisKeys.targetConfig(envId, 'u1'), redisKeys.targetConfig(envId, 'u*2')];
      await setAll(store(), [...own, ...decoys.map((decoy) => redisKeys.targetConfig(decoy, 'u1'))]);
      expect(sorted(await store().cache.scan(scanPatterns.targetConfigs(envId)))).toEqual(sorted(own));
    });

    it('lists inventories but not leases', async () => {
      const inventories = ['a'.repeat(64), 'b'.repeat(64)].map((hash) => redisKeys.inventory(hash));
      await setAll(store(), [...inventories, redisKeys.leader('a'.repeat(64))]);
      expect(sorted(await store().cache.scan(scanPatterns.inventories()))).toEqual(sorted(inventories));
    });
  });
}
