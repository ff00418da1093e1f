import type { StreamName } from '@relay/redis-contract';
import { STREAM_START_ID } from '@relay/redis-contract';
import type { EventStream, StreamEntry, StreamReader } from '@relay/store';
import { backoffDelay, type Clock } from '@relay/lifecycle';
import type { Logger } from '@relay/logging';
import type { ReplicaMetrics } from './replica-metrics';

/** What a {@link StreamFollower} calls. */
export interface StreamFollowerHandlers {
  /** New entries, oldest first. Errors thrown here are logged; the follower goes on. */
  onEntries(entries: StreamEntry[]): void | Promise<void>;
  /** A read failed (Redis error or connection loss); the follower retries with backoff. */
  onFailure?(error: unknown): void;
  /** The first successful read after failures, before its entries are handled. */
  onResumed?(): void | Promise<void>;
}

/** Options of {@link createStreamFollower}. */
export interface StreamFollowerOptions {
  events: EventStream;
  stream: StreamName;
  clock: Clock;
  logger: Logger;
  metrics: ReplicaMetrics;
  handlers: StreamFollowerHandlers;
  /** Entries per read (`COUNT`). */
  count: number;
  /** `BLOCK` in ms; default 5000 (never 0, so the loop sees shutdown). */
  blockMs?: number;
}

/** Follows one stream from its newest entry at start, resuming from the last id after errors. */
export interface StreamFollower {
  /** Reads the start position (newest entry) and starts the loop. */
  start(): Promise<void>;
  /** The id of the last entry handled. */
  lastId(): string;
  /** Moves the resume position, e.g. to `0-0` after the stream disappeared. */
  resetTo(id: string): void;
  close(): Promise<void>;
}

/**
 * Creates a {@link StreamFollower} (spec/redis-contract.md §4.1): `XREVRANGE + - COUNT 1` for the start
 * position (never `$`), then `XREAD BLOCK` on a dedicated connection; errors back off 1 s … 30 s and the
 * loop resumes from the last id processed.
 */
export function createStreamFollower(options: StreamFollowerOptions): StreamFollower {
  const { events, stream, clock, logger, metrics, handlers } = options;
  const stop = new AbortController();
  let lastId = STREAM_START_ID;
  let reader: StreamReader | undefined;
  let loop: Promise<void> | undefined;

  async function readOnce(failures: number): Promise<number> {
    reader ??= events.openReader(stream);
    try {
      const entries = await reader.read(lastId, { count: options.count, blockMs: options.blockMs ?? 5000 });
      if (failures > 0) {
        metrics.subscribed(stream);
        await handlers.onResumed?.();
      }
      if (entries.length > 0) {
        await handleEntries(entries);
        lastId = entries[entries.length - 1]?.id ?? lastId;
      }
      return 0;
    } catch (error) {
      if (stop.signal.aborted) return failures;
      handlers.onFailure?.(error);
      const delayMs = backoffDelay(failures, { initialMs: 1000, maxMs: 30_000 });
      logger.warn('stream read failed', { stream, err: error, retryInMs: delayMs });
      await clock.sleep(delayMs, stop.signal);
      return failures + 1;
    }
  }

  async function handleEntries(entries: StreamEntry[]): Promise<void> {
    try {
      await handlers.onEntries(entries);
    } catch (error) {
      logger.error('stream entry handling failed', { stream, err: error });
    }
  }

  return {
    async start() {
      lastId = (await events.newest(stream))?.id ?? STREAM_START_ID;
      metrics.subscribed(stream);
      loop = (async () => {
        let failures = 0;
        while (!stop.signal.aborted) failures = await readOnce(failures);
      })();
    },
    lastId: () => lastId,
    resetTo(id) {
      lastId = id;
    },
    async close() {
      stop.abort();
      await reader?.close();
      await loop;
    },
  };
}
