import type { Clock, TimerHandle } from './clock';

interface FakeTimer extends TimerHandle {
  dueAt: number;
  delayMs: number;
  callback: () => void;
  active: boolean;
}

/** A {@link Clock} that only moves when told to. */
export interface FakeClock extends Clock {
  /** Moves time forward by `ms`, running every timer that falls due (in due order) and the promise jobs they start. */
  advance(ms: number): Promise<void>;
  /** Number of timers waiting to fire. */
  pendingTimers(): number;
}

const flushPromises = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Creates a {@link FakeClock} starting at `startMs` (default 1 700 000 000 000). */
export function createFakeClock(startMs = 1_700_000_000_000): FakeClock {
  let now = startMs;
  const timers = new Set<FakeTimer>();

  const clock: FakeClock = {
    now: () => now,
    setTimeout(callback, delayMs) {
      const timer: FakeTimer = {
        dueAt: now + delayMs,
        delayMs,
        callback,
        active: true,
        refresh() {
          timer.dueAt = now + timer.delayMs;
          timer.active = true;
          timers.add(timer);
        },
      };
      timers.add(timer);
      return timer;
    },
    clearTimeout(handle) {
      const timer = handle as FakeTimer;
      timer.active = false;
      timers.delete(timer);
    },
    sleep(delayMs, signal) {
      return new Promise((resolve) => {
        if (signal?.aborted) return resolve();
        const handle = clock.setTimeout(done, delayMs);
        signal?.addEventListener('abort', done, { once: true });
        function done(): void {
          clock.clearTimeout(handle);
          resolve();
        }
      });
    },
    async advance(ms) {
      const target = now + ms;
      await flushPromises();
      for (;;) {
        const next = [...timers].filter((t) => t.dueAt <= target).sort((a, b) => a.dueAt - b.dueAt)[0];
        if (!next) break;
        now = Math.max(now, next.dueAt);
        timers.delete(next);
        next.active = false;
        next.callback();
        await flushPromises();
      }
      now = target;
      await flushPromises();
    },
    pendingTimers: () => timers.size,
  };
  return clock;
}
