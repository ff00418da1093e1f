import {
  compareStreamIds,
  parseSseEvent,
  STREAM_START_ID,
  streamNames,
  type SseEvent,
} from '@relay/redis-contract';
import type { EventStream } from '@relay/store';
import type { Clock } from '@relay/lifecycle';
import type { Logger } from '@relay/logging';
import type { ReplicaMetrics } from './replica-metrics';
import { createStreamFollower } from './stream-follower';

/** What a change-feed subscriber is told. */
export interface ChangeListener {
  /** One `proxy:sse_events` entry, in stream order; `id` is the entry id. */
  onEvent?(event: SseEvent, id: string): void;
  /** Entries may have been missed (spec/redis-contract.md §7.4): drop or recover what depends on them. */
  onGap?(): void;
}

/** Follows `proxy:sse_events` for every subscriber of this process. */
export interface ChangeFeed {
  subscribe(listener: ChangeListener): () => void;
  /** False from a read error until the reader resumed and passed the gap check (§7.1). */
  isHealthy(): boolean;
  /** Runs the gap check of §7.4 (also done after every reconnect); true when a gap was found. */
  checkGap(): Promise<boolean>;
  /** The id of the last entry processed. */
  lastId(): string;
  start(): Promise<void>;
  close(): Promise<void>;
}

/** Options of {@link createChangeFeed}. */
export interface ChangeFeedOptions {
  events: EventStream;
  clock: Clock;
  logger: Logger;
  metrics: ReplicaMetrics;
  /** `BLOCK` of each read in ms; default 5000. */
  blockMs?: number;
}

/**
 * Creates the {@link ChangeFeed}: `XREAD BLOCK 5000 COUNT 100` from the newest entry at start, resuming
 * from the last id after Redis errors, with gap detection (`XINFO STREAM`: entries were trimmed and the
 * first entry is newer than the last one processed, or the stream vanished after we read from it).
 */
export function createChangeFeed(options: ChangeFeedOptions): ChangeFeed {
  const { events, logger, metrics } = options;
  const listeners = new Set<ChangeListener>();
  let healthy = true;
  let processedAny = false;

  const notify = (call: (listener: ChangeListener) => void) => {
    for (const listener of listeners) {
      try {
        call(listener);
      } catch (error) {
        logger.error('change listener failed', { err: error });
      }
    }
  };

  async function checkGap(): Promise<boolean> {
    const info = await events.info(streamNames.sseEvents);
    const lastId = follower.lastId();
    let gap: boolean;
    if (!info) {
      gap = processedAny;
      follower.resetTo(STREAM_START_ID);
      processedAny = false;
    } else {
      gap = info.entriesAdded > info.length && info.firstEntryId !== undefined && compareStreamIds(info.firstEntryId, lastId) > 0;
    }
    if (gap) {
      logger.warn('events gap detected', { lastId, firstEntryId: info?.firstEntryId ?? '' });
      notify((listener) => listener.onGap?.());
    }
    return gap;
  }

  const follower = createStreamFollower({
    events,
    stream: streamNames.sseEvents,
    clock: options.clock,
    logger,
    metrics,
    count: 100,
    blockMs: options.blockMs,
    handlers: {
      onFailure: () => {
        healthy = false;
      },
      onResumed: async () => {
        await checkGap();
        healthy = true;
      },
      onEntries: (entries) => {
        for (const entry of entries) {
          const event = parseSseEvent(entry.event);
          metrics.received(streamNames.sseEvents, event ? 'false' : 'err_parsing_message');
          processedAny = true;
          if (!event) {
            logger.warn('malformed change event ignored', { id: entry.id });
            continue;
          }
          notify((listener) => listener.onEvent?.(event, entry.id));
        }
      },
    },
  });

  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    isHealthy: () => healthy,
    checkGap,
    lastId: () => follower.lastId(),
    start: () => follower.start(),
    close: () => follower.close(),
  };
}
