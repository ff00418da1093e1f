import type { ItemChangeEvent } from '@relay/redis-contract';

/** The initial comment and the heartbeat: exactly an empty comment (spec/sdk-api.md §8.3; Go SDKs need it empty). */
export const COMMENT_FRAME = ':\n\n';

/** What an SDK frame says about one flag or segment (spec/sdk-api.md §8.3). */
export type FrameItem = Pick<ItemChangeEvent, 'event' | 'domain' | 'identifier' | 'version' | 'environment'>;

/**
 * The `data` JSON of a frame, byte-exact: these six fields in this order, `apiKey` always `""`;
 * `environments` and `envVersion` are never sent (spec/sdk-api.md §8.3).
 */
export function frameData(item: FrameItem): string {
  return JSON.stringify({
    event: item.event,
    domain: item.domain,
    identifier: item.identifier,
    version: item.version,
    environment: item.environment,
    apiKey: '',
  });
}

/**
 * One complete SSE event frame, written with one `res.write` (spec/sdk-api.md §8.4 rule 1):
 * `id: <entry id>\nevent: *\ndata: <json>\n\n`. Recovery frames pass no id and carry no `id:` line
 * (§8.6), so an SDK's `Last-Event-ID` keeps naming the last real entry. `\n` line endings, no `retry:`.
 */
export function eventFrame(item: FrameItem, entryId?: string): string {
  const fields = `event: *\ndata: ${frameData(item)}\n\n`;
  return entryId === undefined ? fields : `id: ${entryId}\n${fields}`;
}
