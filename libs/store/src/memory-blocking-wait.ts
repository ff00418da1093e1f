import type { MemoryKeyspace } from './memory-keyspace';
import { StoreError } from './store-error';

/** What one blocking read tries each time its key changes: entries, or `undefined` to keep waiting. */
export type ReadAttempt<T> = () => T[] | undefined;

/** Pending blocking reads of one reader, so that closing the reader can end them. */
export interface WaitGroup {
  closed: boolean;
  readonly cancels: Set<(error: StoreError) => void>;
}

/** A reader's wait group. */
export function createWaitGroup(): WaitGroup {
  return { closed: false, cancels: new Set() };
}

/** Ends every pending read of `group` with `UNAVAILABLE`, as a closed Redis connection would. */
export function closeWaitGroup(group: WaitGroup): void {
  group.closed = true;
  for (const cancel of [...group.cancels]) cancel(new StoreError('UNAVAILABLE', 'reader closed'));
}

/** Where and how long a blocking read waits. */
export interface BlockingWait {
  keyspace: MemoryKeyspace;
  /** The stream key whose changes wake the read. */
  key: string;
  /** Longest wait in ms on the keyspace clock; 0 = for ever. */
  blockMs: number;
  group: WaitGroup;
}

/**
 * A blocking read (`XREAD`/`XREADGROUP … BLOCK blockMs`): runs `attempt` now and after every change of
 * `key` until it yields entries, or resolves `[]` once `blockMs` have passed on the keyspace clock
 * (`0` waits for ever, as in Redis). Appends wake readers synchronously (§10.8: within 50 ms).
 */
export function blockingRead<T>(wait: BlockingWait, attempt: ReadAttempt<T>): Promise<T[]> {
  const { keyspace, key, blockMs, group } = wait;
  return new Promise<T[]>((resolve, reject) => {
    if (group.closed) return reject(new StoreError('UNAVAILABLE', 'reader closed'));
    const first = attempt();
    if (first) return resolve(first);
    const finish = (outcome: () => void) => {
      unwatch();
      if (timer) keyspace.clock.clearTimeout(timer);
      group.cancels.delete(cancel);
      outcome();
    };
    const cancel = (error: StoreError) => finish(() => reject(error));
    const unwatch = keyspace.watch(key, () => {
      try {
        const entries = attempt();
        if (entries) finish(() => resolve(entries));
      } catch (error) {
        finish(() => reject(error));
      }
    });
    const timer = blockMs > 0 ? keyspace.clock.setTimeout(() => finish(() => resolve([])), blockMs) : undefined;
    group.cancels.add(cancel);
  });
}
