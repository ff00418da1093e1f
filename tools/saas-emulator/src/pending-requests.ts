import type { ServerResponse } from 'node:http';

/** Requests the emulator holds on purpose (delays, `silence`), released when it closes. */
export interface PendingRequests {
  /** Resolves `true` after `delayMs`, or `false` at once when {@link releaseAll} runs. */
  sleep(delayMs: number): Promise<boolean>;
  /** Keeps `res` unanswered until the client goes away or {@link releaseAll} destroys it. */
  hold(res: ServerResponse): void;
  /** Ends every pending delay and destroys every held response. */
  releaseAll(): void;
}

/** Creates an empty {@link PendingRequests}. */
export function createPendingRequests(): PendingRequests {
  const wakers = new Set<() => void>();
  const held = new Set<ServerResponse>();
  return {
    sleep(delayMs) {
      return new Promise<boolean>((resolve) => {
        const wake = (elapsed: boolean) => {
          clearTimeout(timer);
          wakers.delete(early);
          resolve(elapsed);
        };
        const early = () => wake(false);
        const timer = setTimeout(() => wake(true), delayMs);
        wakers.add(early);
      });
    },
    hold(res) {
      held.add(res);
      res.on('close', () => held.delete(res));
    },
    releaseAll() {
      [...wakers].forEach((wake) => wake());
      [...held].forEach((res) => res.destroy());
    },
  };
}
