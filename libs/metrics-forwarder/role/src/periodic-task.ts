import type { Clock, TimerHandle } from '@relay/lifecycle';
import type { Logger } from '@relay/logging';

/** A task run every `intervalMs` by {@link startPeriodicTask}. */
export interface PeriodicTask {
  /** Cancels the timer and waits for a run under way. */
  close(): Promise<void>;
}

/** Options of {@link startPeriodicTask}. */
export interface PeriodicTaskOptions {
  clock: Clock;
  /** Time between the end of one run and the start of the next, in ms. */
  intervalMs: number;
  /** The work; a rejection is logged at warn with `task` and the run goes on next time. */
  run(): Promise<void>;
  /** Names the task in the `metrics task failed` line. */
  task: string;
  logger: Logger;
}

/**
 * Runs `run` every `intervalMs` on `clock`, first after one interval; runs never overlap (the next is
 * scheduled when one ends), so a slow Redis cannot pile up commands.
 */
export function startPeriodicTask(options: PeriodicTaskOptions): PeriodicTask {
  const { clock, intervalMs } = options;
  let closed = false;
  let current: Promise<void> = Promise.resolve();
  let timer: TimerHandle | undefined;

  function schedule(): void {
    timer = clock.setTimeout(() => {
      timer = undefined;
      current = options
        .run()
        .catch((error: unknown) => options.logger.warn('metrics task failed', { task: options.task, err: error }))
        .finally(() => {
          if (!closed) schedule();
        });
    }, intervalMs);
  }

  schedule();
  return {
    async close() {
      closed = true;
      if (timer) clock.clearTimeout(timer);
      await current;
    },
  };
}
