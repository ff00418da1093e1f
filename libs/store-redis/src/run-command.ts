import { StoreError } from '@relay/store';
import type { RedisClient } from './redis-clients';
import { toStoreError } from './to-store-error';

/**
 * Runs one command on the shared client and translates failures into {@link StoreError}s. While the
 * client is not connected the call fails at once with `UNAVAILABLE` instead of waiting for a
 * reconnect: request paths serve what they hold or answer 500, loops back off (§7.1, §4.1).
 */
export async function runCommand<T>(client: RedisClient, command: (client: RedisClient) => Promise<T>): Promise<T> {
  if (client.status !== 'ready') throw new StoreError('UNAVAILABLE', `redis is not connected (${client.status})`);
  try {
    return await command(client);
  } catch (error) {
    throw toStoreError(error);
  }
}
