import type { AutoClaimResult, ConsumerInfo, GroupInfo, StreamEntry, StreamInfo } from '@relay/store';

// Parsers of the RESP2 replies of the stream commands, as ioredis returns them (nested arrays of
// strings and numbers). Unexpected shapes throw, so a protocol surprise fails loudly.

function asArray(reply: unknown): unknown[] {
  if (!Array.isArray(reply)) throw new Error(`unexpected Redis reply: ${JSON.stringify(reply)}`);
  return reply;
}

/** A flat `[name, value, name, value …]` reply as a map. */
function fieldsOf(reply: unknown): Map<string, unknown> {
  const flat = asArray(reply);
  const fields = new Map<string, unknown>();
  for (let i = 0; i + 1 < flat.length; i += 2) fields.set(String(flat[i]), flat[i + 1]);
  return fields;
}

const numberOrUndefined = (value: unknown) => (value === null || value === undefined ? undefined : Number(value));

/** One `[id, [field, value …]]` entry; the value of its `event` field (§4.1). */
function parseEntry(reply: unknown): StreamEntry {
  const [id, fields] = asArray(reply);
  const event = fields === null ? undefined : fieldsOf(fields).get('event');
  return { id: String(id), event: event === undefined ? '' : String(event) };
}

/** `XRANGE` / `XREVRANGE` entries. */
export function parseEntries(reply: unknown): StreamEntry[] {
  return asArray(reply).map(parseEntry);
}

/** `XREAD` / `XREADGROUP` of one stream: `nil` after the block time, else `[[stream, entries]]`. */
export function parseReadReply(reply: unknown): StreamEntry[] {
  if (reply === null) return [];
  const [first] = asArray(reply);
  return first === undefined ? [] : parseEntries(asArray(first)[1]);
}

/** `XINFO STREAM`. */
export function parseStreamInfo(reply: unknown): StreamInfo {
  const fields = fieldsOf(reply);
  const idOf = (entry: unknown) => (entry === null || entry === undefined ? undefined : String(asArray(entry)[0]));
  return {
    length: Number(fields.get('length')),
    entriesAdded: Number(fields.get('entries-added')),
    maxDeletedEntryId: String(fields.get('max-deleted-entry-id')),
    firstEntryId: idOf(fields.get('first-entry')),
    lastEntryId: idOf(fields.get('last-entry')),
  };
}

/** The entry of `group` in `XINFO GROUPS`, `undefined` when absent. */
export function parseGroupInfo(reply: unknown, group: string): GroupInfo | undefined {
  const fields = asArray(reply)
    .map(fieldsOf)
    .find((candidate) => candidate.get('name') === group);
  if (!fields) return undefined;
  return {
    entriesRead: numberOrUndefined(fields.get('entries-read')),
    lag: numberOrUndefined(fields.get('lag')),
    pending: Number(fields.get('pending')),
  };
}

/** `XINFO CONSUMERS`. */
export function parseConsumers(reply: unknown): ConsumerInfo[] {
  return asArray(reply)
    .map(fieldsOf)
    .map((fields) => ({
      name: String(fields.get('name')),
      pending: Number(fields.get('pending')),
      idleMs: Number(fields.get('idle')),
    }));
}

/** `XAUTOCLAIM` (Redis ≥ 7.0: `[cursor, entries, deletedIds]`). */
export function parseAutoClaim(reply: unknown): AutoClaimResult {
  const [cursor, entries, deleted] = asArray(reply);
  return {
    nextCursor: String(cursor),
    entries: parseEntries(entries),
    deletedIds: asArray(deleted ?? []).map(String),
  };
}
