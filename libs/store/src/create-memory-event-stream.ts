import type { StreamName } from '@relay/redis-contract';
import type { EventStream } from './event-stream';
import { MemoryConsumerGroup } from './memory-consumer-group';
import { assertInteger, invalidArgumentError, noSuchKeyError } from './memory-errors';
import type { MemoryKeyspace } from './memory-keyspace';
import type { MemoryStream } from './memory-stream';
import { readStreamId } from './memory-stream-id';
import { createMemoryGroupReader, createMemoryStreamReader } from './memory-stream-readers';

/**
 * The in-memory {@link EventStream} over `keyspace`, with the observable behaviour of Redis ≥ 7.0
 * streams and consumer groups (spec/redis-contract.md §10.6–11).
 */
export function createMemoryEventStream(keyspace: MemoryKeyspace): EventStream {
  const now = () => keyspace.clock.now();

  function groupOf(stream: StreamName, group: string): { source: MemoryStream; group: MemoryConsumerGroup } {
    const source = keyspace.streamAt(stream);
    if (!source) throw noSuchKeyError(`NOGROUP No such key '${stream}' or consumer group '${group}'`);
    const found = source.groups.get(group);
    if (!found) throw noSuchKeyError(`NOGROUP No such consumer group '${group}' for key name '${stream}'`);
    return { source, group: found };
  }

  return {
    async append(stream, event, maxLen) {
      assertInteger(maxLen);
      if (maxLen < 0) throw invalidArgumentError('ERR The MAXLEN argument must be >= 0.');
      const id = keyspace.streamOrCreate(stream).append(now(), event, maxLen);
      keyspace.notify(stream);
      return id;
    },
    async newest(stream) {
      const entry = keyspace.streamAt(stream)?.newest();
      return entry && { id: entry.id, event: entry.event };
    },
    async rangeAfter(stream, afterId, count) {
      const after = readStreamId(afterId);
      assertInteger(count);
      if (count <= 0) return [];
      return (keyspace.streamAt(stream)?.after(after, count) ?? []).map(({ id, event }) => ({ id, event }));
    },
    async info(stream) {
      return keyspace.streamAt(stream)?.info();
    },
    openReader(stream) {
      return createMemoryStreamReader(keyspace, stream);
    },
    async createGroup(stream, group) {
      const source = keyspace.streamOrCreate(stream);
      if (source.groups.has(group)) return false;
      source.groups.set(group, new MemoryConsumerGroup());
      return true;
    },
    openGroupReader(stream, group, consumer) {
      return createMemoryGroupReader(keyspace, { stream, group, consumer });
    },
    async ack(stream, group, ids) {
      const keys = ids.map(readStreamId);
      return keyspace.streamAt(stream)?.groups.get(group)?.ack(keys) ?? 0;
    },
    async claim(stream, group, consumer, minIdleMs, ids) {
      const keys = ids.map(readStreamId);
      assertInteger(minIdleMs);
      if (keys.length === 0) return [];
      const found = groupOf(stream, group);
      return found.group.claim({ stream: found.source, consumer, minIdleMs, nowMs: now() }, keys);
    },
    async autoClaim(stream, group, consumer, minIdleMs, cursor, count) {
      const start = readStreamId(cursor);
      assertInteger(minIdleMs, count);
      if (count < 1) throw invalidArgumentError('ERR COUNT must be > 0');
      const found = groupOf(stream, group);
      return found.group.autoClaim({ stream: found.source, consumer, minIdleMs, nowMs: now() }, start, count);
    },
    async groupInfo(stream, group) {
      const source = keyspace.streamAt(stream);
      return source?.groups.get(group)?.info(source);
    },
    async consumers(stream, group) {
      if (!keyspace.streamAt(stream)) throw noSuchKeyError('ERR no such key');
      return groupOf(stream, group).group.consumers(now());
    },
    async deleteConsumer(stream, group, consumer) {
      if (!keyspace.streamAt(stream)) {
        throw noSuchKeyError('ERR The XGROUP subcommand requires the key to exist.');
      }
      return groupOf(stream, group).group.deleteConsumer(consumer);
    },
  };
}
