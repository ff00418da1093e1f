import { compareStreamIds, parseSseEvent, parseStreamId, streamNames } from '@relay/redis-contract';
import type { EventStream } from '@relay/store';
import { eventFrame } from './sse-frames';

/** Frames an SDK missed since its `Last-Event-ID`, and the id the read reached. */
export interface MissedFrames {
  /** The event frames, concatenated (one write). */
  frames: string;
  /** The last entry id read (any environment), or `undefined` when nothing was read. */
  upTo: string | undefined;
}

/**
 * The `Last-Event-ID` replay of spec/sdk-api.md §8.7: when `lastEventId` is a valid stream id not older
 * than the oldest entry still in `proxy:sse_events`, every `flag`/`target-segment` entry of `envId` after
 * it, in order (`XRANGE (<id> + COUNT pageSize`, page after page). `undefined` when nothing may be
 * replayed (malformed or trimmed id, no stream); `proxy` entries are never replayed.
 */
export async function readMissedFrames(
  events: EventStream,
  envId: string,
  lastEventId: string,
  pageSize: number,
): Promise<MissedFrames | undefined> {
  if (!parseStreamId(lastEventId)) return undefined;
  const info = await events.info(streamNames.sseEvents);
  if (!info?.firstEntryId || compareStreamIds(lastEventId, info.firstEntryId) < 0) return undefined;
  let frames = '';
  let cursor = lastEventId;
  let upTo: string | undefined;
  for (;;) {
    const page = await events.rangeAfter(streamNames.sseEvents, cursor, pageSize);
    for (const entry of page) {
      const event = parseSseEvent(entry.event);
      if (event && event.domain !== 'proxy' && event.environment === envId) frames += eventFrame(event, entry.id);
      upTo = entry.id;
    }
    if (page.length < pageSize || upTo === undefined) return { frames, upTo };
    cursor = upTo;
  }
}
