import type { Logger } from '@relay/logging';
import type { ResourceStack } from './resource-stack';

/** Options of {@link closeOnSignals}. */
export interface CloseOnSignalsOptions {
  /** Shutdown budget in ms (env `SHUTDOWN_TIMEOUT`, seconds). */
  timeoutMs: number;
  /** Ends the process; default `process.exit`. */
  exit?: (code: number) => void;
}

/**
 * On the first SIGTERM or SIGINT: logs `shutdown started`, closes every resource in reverse order
 * within the budget, logs `shutdown complete` and exits 0 (1 when the budget ran out). A second
 * signal exits at once with 1.
 */
export function closeOnSignals(resources: ResourceStack, logger: Logger, options: CloseOnSignalsOptions): void {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const onSignal = (signal: NodeJS.Signals) => {
    if (resources.isClosing()) {
      logger.warn('shutdown forced', { signal });
      exit(1);
      return;
    }
    const startedAt = Date.now();
    logger.info('shutdown started', { signal });
    void resources.closeAll(options.timeoutMs).then((finished) => {
      if (finished) logger.info('shutdown complete', { signal, durationMs: Date.now() - startedAt });
      else logger.error('shutdown timed out', { signal, durationMs: Date.now() - startedAt });
      exit(finished ? 0 : 1);
    });
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
