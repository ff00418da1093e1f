import type { Logger } from '@relay/logging';

/** Anything that must be released on shutdown. */
export interface Closeable {
  /** First phase, called on every resource before any is closed: stop accepting work, start draining. */
  prepareClose?(): void;
  close(): Promise<void> | void;
}

/** Resources of a process, closed in reverse order of creation. */
export interface ResourceStack {
  /** Registers `resource` under `name` and returns it. */
  add<T extends Closeable>(name: string, resource: T): T;
  /** Whether shutdown has begun. */
  isClosing(): boolean;
  /**
   * Calls `prepareClose` on every resource (newest first), then `close` one by one (newest first).
   * Resolves `true` when everything closed within `timeoutMs`, `false` when the budget ran out.
   */
  closeAll(timeoutMs: number): Promise<boolean>;
}

/** Creates a {@link ResourceStack}; failures while closing are logged and do not stop the others. */
export function createResourceStack(logger: Logger): ResourceStack {
  const entries: { name: string; resource: Closeable }[] = [];
  let closing: Promise<boolean> | undefined;

  async function closeEach(): Promise<void> {
    for (const { name, resource } of [...entries].reverse()) {
      try {
        await resource.close();
      } catch (error) {
        logger.error('resource close failed', { resource: name, err: error });
      }
    }
  }

  return {
    add(name, resource) {
      entries.push({ name, resource });
      return resource;
    },
    isClosing: () => closing !== undefined,
    closeAll(timeoutMs) {
      closing ??= (async () => {
        for (const { name, resource } of [...entries].reverse()) {
          try {
            resource.prepareClose?.();
          } catch (error) {
            logger.error('resource close failed', { resource: name, err: error });
          }
        }
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<boolean>((resolve) => {
          timer = setTimeout(() => resolve(false), timeoutMs);
          timer.unref();
        });
        const finished = await Promise.race([closeEach().then(() => true), timeout]);
        clearTimeout(timer);
        return finished;
      })();
      return closing;
    },
  };
}
