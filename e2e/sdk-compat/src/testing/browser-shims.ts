// Browser globals the JS client SDK needs in Node (spec/real-sdk-testing.md §4). Import this module first,
// before the SDK module is loaded: module evaluation follows import order.
import { XMLHttpRequest } from 'w3c-xmlhttprequest';

/** Delays of a minute or more (the SDK's metrics schedule) become 250 ms; shorter ones pass through. */
function clampedSetTimeout(callback: (...args: unknown[]) => void, delayMs?: number, ...args: unknown[]): NodeJS.Timeout {
  return setTimeout(callback, (delayMs ?? 0) >= 60_000 ? 250 : delayMs, ...args);
}

const scope = globalThis as Record<string, unknown>;
scope['XMLHttpRequest'] = XMLHttpRequest;
scope['window'] = { AbortController, clearTimeout, setTimeout: clampedSetTimeout };
