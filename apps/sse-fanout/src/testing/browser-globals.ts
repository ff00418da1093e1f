import { XMLHttpRequest } from 'w3c-xmlhttprequest';

/** The browser delay the JS client SDK uses for metrics and below which delays pass through unchanged. */
const MINUTE_MS = 60_000;

/**
 * Installs what the JS client SDK needs from a browser, before it is loaded (spec/real-sdk-testing.md
 * §4): a streaming `XMLHttpRequest`, and a `window` whose `setTimeout` shortens delays of a minute or
 * more to 250 ms (the SDK's metrics schedule) and passes shorter ones through.
 */
export function installBrowserGlobals(): void {
  const globals = globalThis as Record<string, unknown>;
  globals['XMLHttpRequest'] = XMLHttpRequest;
  globals['window'] = {
    AbortController,
    clearTimeout,
    setTimeout: (callback: () => void, delayMs?: number) =>
      setTimeout(callback, (delayMs ?? 0) >= MINUTE_MS ? 250 : delayMs),
  };
}
