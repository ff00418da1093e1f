import type { Registry } from 'prom-client';
import { counter, histogram } from './instruments';

/** Cache operations that are measured. */
export type CacheOperation = 'read' | 'write' | 'remove' | 'scan';

/** Records one cache operation; satisfies the `CacheInstruments` port of `@relay/store`. */
export interface CacheMetrics {
  observe(operation: CacheOperation, key: string | undefined, failed: boolean, seconds: number): void;
}

const BUCKETS = [0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5];

/**
 * Creates the `ff_proxy_<family>_cache_*` families of spec/observability.md §2.1–2.2: `redis` when
 * the process uses Redis, `in_mem` with the in-process store. `key` is the key template.
 */
export function createCacheMetrics(registry: Registry, family: 'redis' | 'in_mem'): CacheMetrics {
  const prefix = `ff_proxy_${family}_cache`;
  const counters = {
    read: counter(registry, { name: `${prefix}_read_count`, help: 'Cache key reads', labelNames: ['error', 'key'] }),
    write: counter(registry, { name: `${prefix}_write_count`, help: 'Cache key writes', labelNames: ['error', 'key'] }),
    remove: counter(registry, { name: `${prefix}_remove_count`, help: 'Cache key deletes', labelNames: ['key'] }),
    scan: counter(registry, { name: `${prefix}_scan_count`, help: 'Cache scans (all masters = one)', labelNames: ['error'] }),
  };
  const durations = {
    read: histogram(registry, { name: `${prefix}_read_duration`, help: 'Cache read duration (s)', buckets: BUCKETS }),
    write: histogram(registry, { name: `${prefix}_write_duration`, help: 'Cache write duration (s)', buckets: BUCKETS }),
    remove: histogram(registry, { name: `${prefix}_delete_duration`, help: 'Cache delete duration (s)', buckets: BUCKETS }),
    scan: histogram(registry, { name: `${prefix}_scan_duration`, help: 'Cache scan duration (s)', buckets: BUCKETS }),
  };
  return {
    observe(operation, key, failed, seconds) {
      const error = String(failed);
      if (operation === 'remove') counters.remove.inc({ key: key ?? '' });
      else if (operation === 'scan') counters.scan.inc({ error });
      else counters[operation].inc({ error, key: key ?? '' });
      durations[operation].observe(seconds);
    },
  };
}
