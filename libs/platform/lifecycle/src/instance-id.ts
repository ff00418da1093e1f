import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

/** A process instance id, `<hostname>:<pid>:<8 random hex>` (spec/redis-contract.md §3.11). */
export function createInstanceId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}
