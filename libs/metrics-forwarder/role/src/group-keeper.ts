import { backoffDelay, type Clock } from '@relay/lifecycle';
import type { Logger } from '@relay/logging';

/** Options of {@link createGroupKeeper}. */
export interface GroupKeeperOptions {
  /** `XGROUP CREATE stream:sdk_metrics metrics-forwarder 0 MKSTREAM`; false when it existed (BUSYGROUP). */
  create(): Promise<boolean>;
  clock: Clock;
  logger: Logger;
}

/** Makes sure the consumer group exists (spec/redis-contract.md §4.4 step 1), for readiness. */
export interface GroupKeeper {
  /** Tries once; when that fails, keeps trying in the background (1 s … 30 s) and resolves at once. */
  start(): Promise<void>;
  /** Creates the group again (after Redis lost it); rejects when Redis fails. */
  create(): Promise<void>;
  /** Whether the group has been created (or found) once. */
  created(): boolean;
  close(): void;
}

/** Creates a {@link GroupKeeper}. */
export function createGroupKeeper(options: GroupKeeperOptions): GroupKeeper {
  const { clock, logger } = options;
  const stop = new AbortController();
  let created = false;

  async function create(): Promise<void> {
    const isNew = await options.create();
    if (isNew) logger.info('metrics consumer group created');
    created = true;
  }

  async function retry(): Promise<void> {
    for (let failures = 0; !created && !stop.signal.aborted; failures += 1) {
      const retryInMs = backoffDelay(failures, { initialMs: 1000, maxMs: 30_000 });
      await clock.sleep(retryInMs, stop.signal);
      if (stop.signal.aborted) return;
      await create().catch((error: unknown) => logger.warn('metrics group create failed', { err: error, retryInMs }));
    }
  }

  return {
    async start() {
      try {
        await create();
      } catch (error) {
        logger.warn('metrics group create failed', { err: error });
        void retry();
      }
    },
    create,
    created: () => created,
    close: () => stop.abort(),
  };
}
