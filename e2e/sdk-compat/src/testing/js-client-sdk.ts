// The JS client SDK as spec/real-sdk-testing.md §4 sets it up. The test file imports ./browser-shims first.
import { Event, initialize, type Result } from '@harnessio/ff-javascript-client-sdk';
import type { DemoTarget } from './demo-project';
import { createSdkEventLog, type SdkEventLog } from './sdk-event-log';

/** A JS client SDK instance and what it emitted. */
export interface JsClientSdk {
  cf: Result;
  /** Resolves with the `ready` payload (flag → value); rejects on `auth error`. */
  ready: Promise<Record<string, unknown>>;
  /** `changed` (payload `{flag, identifier, kind, value}`), `connected`, `disconnected`, `stream error`, `error`. */
  events: SdkEventLog;
  /** Closes it once (aborts the stream XHR; does not flush metrics). */
  close(): void;
}

const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const RECORDED = [Event.CHANGED, Event.CONNECTED, Event.DISCONNECTED, Event.ERROR_STREAM, Event.ERROR, Event.ERROR_METRICS] as const;

/**
 * Initializes a client for `sdkKey` and `target` against `baseUrl`: streaming, no polling, analytics on, and
 * no stream reconnect (`maxStreamRetries: 1`). In 1.32.0 a reconnect is a plain `setTimeout` (1–30 s) that
 * `close()` does not clear, and it reopens the stream of a closed client: an ended stream would otherwise
 * outlive the test. No scenario waits for an SDK reconnect.
 */
export function createJsClientSdk(baseUrl: string, sdkKey: string, target: DemoTarget): JsClientSdk {
  const cf = initialize(sdkKey, target, {
    baseUrl,
    eventUrl: baseUrl,
    streamEnabled: true,
    pollingEnabled: false,
    enableAnalytics: true,
    maxStreamRetries: 1,
    logger: quiet,
  });
  const events = createSdkEventLog();
  for (const name of RECORDED) cf.on(name, (payload: unknown) => events.add(name, payload));
  const ready = new Promise<Record<string, unknown>>((resolve, reject) => {
    cf.on(Event.READY, (flags) => resolve(flags as Record<string, unknown>));
    cf.on(Event.ERROR_AUTH, reject);
  });
  ready.catch(() => undefined); // tests that expect a refusal await it themselves
  let closed = false;
  return {
    cf,
    ready,
    events,
    close() {
      if (closed) return;
      closed = true;
      cf.close();
    },
  };
}
