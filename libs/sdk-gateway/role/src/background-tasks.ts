import type { Logger } from '@relay/logging';

/** Work a request starts after its response was sent (spec/sdk-api.md §5.1 step 8). */
export interface BackgroundTasks {
  /** Runs `task` now without waiting for it; a failure is logged at `warn` with `msg`. */
  run(msg: string, task: () => Promise<void>): void;
  /** Resolves once every task started so far has finished (tests, shutdown). */
  settled(): Promise<void>;
}

/** Creates {@link BackgroundTasks}. */
export function createBackgroundTasks(logger: Logger): BackgroundTasks {
  const pending = new Set<Promise<void>>();
  return {
    run(msg, task) {
      const running: Promise<void> = task()
        .catch((error: unknown) => logger.warn(msg, { err: error }))
        .finally(() => pending.delete(running));
      pending.add(running);
    },
    async settled() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}
