// The Node server SDK as spec/real-sdk-testing.md §3 sets it up. Never import this file together with
// browser-shims.ts: axios would pick an XHR adapter.
import { Client, Event } from '@harnessio/ff-nodejs-server-sdk';
import { createSdkEventLog, type SdkEventLog } from './sdk-event-log';

/** A Node SDK client and what it emitted. */
export interface NodeSdk {
  client: Client;
  /**
   * `changed` (payload: flag identifier) and `failed`; and, from the SDK's log lines (its stream events are
   * not public), `stream_connected` (SSE connected) and `stream_retrying` (stream lost, reconnect scheduled).
   */
  events: SdkEventLog;
  /** Closes the client once (which posts its metrics); a no-op when authentication failed (the SDK would throw). */
  close(): void;
  /**
   * Clears the poll timer the SDK leaves pending once its stream is connected. In 1.8.12 the stream's
   * `connected` only stops the poller (the next 60 s timer stays armed); if the stream later fails, the
   * poller restarts and overwrites that timer's handle, so `close()` can no longer clear it and the process
   * stays alive up to a minute after the test. Call it after the stream is connected: the poller is
   * stopped then, so this changes nothing but the leftover timer.
   */
  clearIdlePollTimer(): void;
}

/** A quiet logger that turns the SDK's stream log lines into events (SDK codes 5000/5001, spec/sdk-api.md §11.1). */
function streamLogger(events: SdkEventLog) {
  const capture = (message: unknown) => {
    const text = String(message);
    if (text.includes('SDKCODE:5001')) events.add('stream_retrying', text);
    else if (text.startsWith('SSE stream connected OK')) events.add('stream_connected', text);
  };
  return { trace: () => undefined, debug: capture, info: capture, warn: capture, error: () => undefined };
}

/** A fresh cache per client: the SDK's default cache and store are module-level singletons. */
function freshCache() {
  const entries = new Map<string, unknown>();
  return {
    set: (key: string, value: unknown) => void entries.set(key, value),
    get: (key: string) => entries.get(key),
    delete: (key: string) => void entries.delete(key),
    *keys(): Generator<string, void, void> {
      yield* entries.keys();
    },
  };
}


/** Creates a client for `sdkKey` against `baseUrl`: streaming, analytics, no retries, no file store. */
export function createNodeSdk(baseUrl: string, sdkKey: string): NodeSdk {
  const events = createSdkEventLog();
  const client = new Client(sdkKey, {
    baseUrl,
    eventsUrl: baseUrl,
    enableStream: true,
    enableAnalytics: true,
    axiosRetries: 0,
    cache: freshCache(),
    store: undefined,
    logger: streamLogger(events),
  });
  for (const name of [Event.CHANGED, Event.FAILED]) client.on(name, (payload: unknown) => events.add(name, payload));
  let authenticated = false;
  let closed = false;
  client.on(Event.READY, () => (authenticated = true));
  return {
    client,
    events,
    close() {
      if (closed || !authenticated) return;
      closed = true;
      client.close();
    },
    clearIdlePollTimer() {
      (client as unknown as { pollProcessor: { close(): void } }).pollProcessor.close();
    },
  };
}
