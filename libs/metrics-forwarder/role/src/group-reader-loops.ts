import { METRICS_CONSUMER_GROUP, streamNames } from '@relay/redis-contract';
import type { EventStream, GroupReader, StreamEntry } from '@relay/store';
import { backoffDelay, type Clock } from '@relay/lifecycle';
import type { Logger } from '@relay/logging';
import type { MetricsForwarderMetrics } from './metrics-forwarder-metrics';

/** Dependencies of {@link createGroupReaderLoops}. */
export interface GroupReaderLoopsDeps {
  events: EventStream;
  /** The consumer name every loop of the process reads as: its instance id (§4.4 step 2). */
  consumer: string;
  /** Number of loops (`METRICS_STREAM_READ_CONCURRENCY`). */
  concurrency: number;
  /** `BLOCK` of each read in ms (default 5000, never 0, so loops see shutdown). */
  blockMs: number;
  clock: Clock;
  logger: Logger;
  metrics: MetricsForwarderMetrics;
  /** Entries just read, handled synchronously. */
  onEntries(entries: StreamEntry[]): void;
  /** Resolves when reading may go on (backpressure, spec/saas-api.md §6.4) or `signal` aborted. */
  waitForCapacity(signal: AbortSignal): Promise<void>;
  /** The group is gone (Redis flushed or restarted empty): create it again. */
  recreateGroup(): Promise<void>;
}

/** The `XREADGROUP` loops of one process. */
export interface GroupReaderLoops {
  start(): void;
  /** Ends the loops: pending blocking reads are cut by closing their connections. */
  stop(): Promise<void>;
}

const READ_COUNT = 100;

/**
 * Creates the loops of spec/redis-contract.md §4.4 step 2: each on a dedicated connection,
 * `XREADGROUP GROUP metrics-forwarder <consumer> COUNT 100 BLOCK <blockMs> STREAMS stream:sdk_metrics >`;
 * errors back off 1 s … 30 s (§4.1) and re-create the group when it has disappeared.
 */
export function createGroupReaderLoops(deps: GroupReaderLoopsDeps): GroupReaderLoops {
  const { events, clock, logger, metrics } = deps;
  const stop = new AbortController();
  const readers = new Set<GroupReader>();
  let loops: Promise<void>[] = [];

  async function recover(error: unknown, failures: number): Promise<void> {
    const retryInMs = backoffDelay(failures, { initialMs: 1000, maxMs: 30_000 });
    logger.warn('metrics stream read failed', { err: error, retryInMs });
    if ((error as { code?: string }).code === 'NO_SUCH_KEY') {
      await deps.recreateGroup().catch((cause: unknown) => logger.warn('metrics group create failed', { err: cause }));
    }
    await clock.sleep(retryInMs, stop.signal);
  }

  async function loop(): Promise<void> {
    const reader = events.openGroupReader(streamNames.sdkMetrics, METRICS_CONSUMER_GROUP, deps.consumer);
    readers.add(reader);
    metrics.subscribed();
    let failures = 0;
    while (!stop.signal.aborted) {
      await deps.waitForCapacity(stop.signal);
      if (stop.signal.aborted) break;
      try {
        const entries = await reader.read({ count: READ_COUNT, blockMs: deps.blockMs });
        if (failures > 0) metrics.subscribed();
        failures = 0;
        if (entries.length > 0) deps.onEntries(entries);
      } catch (error) {
        if (stop.signal.aborted) break;
        await recover(error, failures);
        failures += 1;
      }
    }
  }

  return {
    start() {
      loops = Array.from({ length: deps.concurrency }, () => loop());
    },
    async stop() {
      stop.abort();
      await Promise.all([...readers].map((reader) => reader.close()));
      readers.clear();
      await Promise.all(loops);
    },
  };
}
