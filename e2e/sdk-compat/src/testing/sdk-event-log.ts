import { waitFor } from './wait-for';

/** One event an SDK emitted, with the time it arrived (`Date.now()`). */
export interface SdkEvent {
  name: string;
  payload: unknown;
  at: number;
}

/** The events of one SDK client, oldest first. */
export interface SdkEventLog {
  all: SdkEvent[];
  add(name: string, payload: unknown): void;
  /** Resolves with the first event at or after index `from` named `name` whose payload passes `match`. */
  next(name: string, match: (payload: unknown) => boolean, options?: { from?: number; timeoutMs?: number }): Promise<SdkEvent>;
  /** The events named one of `names`, after index `from`. */
  named(names: readonly string[], from?: number): SdkEvent[];
}

/** Creates an empty {@link SdkEventLog}. */
export function createSdkEventLog(): SdkEventLog {
  const all: SdkEvent[] = [];
  const find = (name: string, match: (payload: unknown) => boolean, from: number) =>
    all.slice(from).find((event) => event.name === name && match(event.payload));
  return {
    all,
    add: (name, payload) => all.push({ name, payload, at: Date.now() }),
    async next(name, match, { from = 0, timeoutMs = 5000 } = {}) {
      await waitFor(() => find(name, match, from) !== undefined, timeoutMs, `SDK event '${name}'`);
      return find(name, match, from)!;
    },
    named: (names, from = 0) => all.slice(from).filter((event) => names.includes(event.name)),
  };
}
