import type { ScanPattern } from '@relay/redis-contract';
import type { RedisConnection } from './redis-connection';

const SCAN_COUNT = 1000;

/**
 * Every key matching `pattern`: `SCAN <cursor> MATCH <pattern> COUNT 1000` on each master until its
 * cursor returns `0`, results united (SCAN may repeat a key), spec/redis-contract.md §8.2.
 */
export async function scanMasters(connection: RedisConnection, pattern: ScanPattern): Promise<string[]> {
  const found = new Set<string>();
  await Promise.all(
    connection.masters().map(async (node) => {
      let cursor = '0';
      do {
        const [next, keys] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', SCAN_COUNT);
        for (const key of keys) found.add(key);
        cursor = next;
      } while (cursor !== '0');
    }),
  );
  return [...found];
}
