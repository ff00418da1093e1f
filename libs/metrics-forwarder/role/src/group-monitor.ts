import { METRICS_CONSUMER_GROUP, streamNames } from '@relay/redis-contract';
import type { EventStream } from '@relay/store';
import type { Logger } from '@relay/logging';
import type { MetricsForwarderMetrics } from './metrics-forwarder-metrics';

/** Dependencies of {@link createGroupMonitor}. */
export interface GroupMonitorDeps {
  events: EventStream;
  /** This process's consumer name, never deleted by its own cleanup. */
  consumer: string;
  metrics: MetricsForwarderMetrics;
  logger: Logger;
  /** Consumers idle longer than this (ms) with nothing pending are deleted; default 3 600 000. */
  consumerMaxIdleMs: number;
}

/** What the last sample saw, for the heartbeat line (`null` before the first sample). */
export interface GroupSample {
  pending: number | null;
  lag: number | null;
}

/** The group upkeep of spec/redis-contract.md §4.4 steps 8 and 9. */
export interface GroupMonitor {
  /** `XINFO STREAM` + `XINFO GROUPS`: lag and pending gauges, and the trim loss estimate. */
  sample(): Promise<void>;
  /** `XINFO CONSUMERS`, then `XGROUP DELCONSUMER` for idle consumers with nothing pending. */
  cleanUp(): Promise<void>;
  last(): GroupSample;
}

/** Creates a {@link GroupMonitor} for group `metrics-forwarder` on `stream:sdk_metrics`. */
export function createGroupMonitor(deps: GroupMonitorDeps): GroupMonitor {
  const { events, metrics, logger } = deps;
  const stream = streamNames.sdkMetrics;
  const group = METRICS_CONSUMER_GROUP;
  let last: GroupSample = { pending: null, lag: null };
  let baseline: number | undefined;

  /** Entries trimmed before the group read them so far; the first sample only sets the baseline. */
  function estimateTrimLoss(entriesAdded: number, length: number, entriesRead: number | undefined): void {
    if (entriesRead === undefined) return;
    const unread = Math.max(0, entriesAdded - length - entriesRead);
    const increase = baseline === undefined ? 0 : unread - baseline;
    baseline = unread;
    if (increase <= 0) return;
    metrics.dropped('', 'trimmed', increase);
    logger.error('metrics dropped', { envID: '', reason: 'trimmed', count: increase });
  }

  return {
    async sample() {
      const info = await events.info(stream);
      const groupInfo = await events.groupInfo(stream, group);
      if (!info || !groupInfo) return;
      const lag = groupInfo.lag ?? -1;
      metrics.lag(lag);
      metrics.pending(groupInfo.pending);
      last = { pending: groupInfo.pending, lag };
      estimateTrimLoss(info.entriesAdded, info.length, groupInfo.entriesRead);
    },
    async cleanUp() {
      for (const consumer of await events.consumers(stream, group)) {
        if (consumer.name === deps.consumer || consumer.pending > 0 || consumer.idleMs <= deps.consumerMaxIdleMs)
          continue;
        await events.deleteConsumer(stream, group, consumer.name);
        logger.info('metrics consumer deleted', { consumer: consumer.name, idleMs: consumer.idleMs });
      }
    },
    last: () => last,
  };
}
