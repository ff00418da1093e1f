// Browser globals the JS client SDK needs in Node (spec/real-sdk-testing.md §4). Import this module
// first, before the SDK module is loaded: module evaluation follows import order.
import { XMLHttpRequest } from 'w3c-xmlhttprequest';

/**
 * Delays of a minute or more (the SDK's metrics schedule) become 250 ms; shorter ones pass through.
 * The shortened timers are unref'd: the SDK re-arms its metrics timer after a post that was in flight
 * when `close()` ran, and that timer must not keep the test process alive.
 */
function clampedSetTimeout(callback: (...args: unknown[]) => void, delayMs?: number, ...args: unknown[]): NodeJS.Timeout {
  if ((delayMs ?? 0) < 60_000) return setTimeout(callback, delayMs, ...args);
  return setTimeout(callback, 250, ...args).unref();
}

const scope = globalThis as Record<string, unknown>;
scope['XMLHttpRequest'] = XMLHttpRequest;
scope['window'] = { AbortController, clearTimeout, setTimeout: clampedSetTimeout };
