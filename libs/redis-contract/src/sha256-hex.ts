import { createHash } from 'node:crypto';

/** Lowercase hex SHA-256 of the UTF-8 bytes of `value` (spec/redis-contract.md §1.5). */
export function sha256hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/** `sha256hex("offline")`: names the inventory and lease offline when `PROXY_KEY` is empty. */
export const OFFLINE_PROXY_KEY_HASH = sha256hex('offline');
