import type { StreamName } from '@relay/redis-contract';
import type { GroupReader, StreamReader } from './event-stream';
import { blockingRead, closeWaitGroup, createWaitGroup } from './memory-blocking-wait';
import { assertInteger, noSuchKeyError } from './memory-errors';
import type { MemoryKeyspace } from './memory-keyspace';
import { readStreamId } from './memory-stream-id';

/** A plain blocking reader (`XREAD COUNT n BLOCK ms STREAMS <stream> <id>`) of the in-memory adapter. */
export function createMemoryStreamReader(keyspace: MemoryKeyspace, stream: StreamName): StreamReader {
  const group = createWaitGroup();
  return {
    async read(afterId, { count, blockMs }) {
      const after = readStreamId(afterId);
      assertInteger(count, blockMs);
      return blockingRead({ keyspace, key: stream, blockMs, group }, () => {
        const entries = keyspace.streamAt(stream)?.after(after, count) ?? [];
        return entries.length > 0 ? entries.map(({ id, event }) => ({ id, event })) : undefined;
      });
    },
    async close() {
      closeWaitGroup(group);
    },
  };
}

/** The names a group reader reads with. */
export interface GroupReaderTarget {
  stream: StreamName;
  group: string;
  consumer: string;
}

/** A blocking consumer-group reader (`XREADGROUP GROUP g c COUNT n BLOCK ms STREAMS <stream> >`). */
export function createMemoryGroupReader(keyspace: MemoryKeyspace, target: GroupReaderTarget): GroupReader {
  const { stream, group: groupName, consumer } = target;
  const waits = createWaitGroup();
  return {
    async read({ count, blockMs }) {
      assertInteger(count, blockMs);
      return blockingRead({ keyspace, key: stream, blockMs, group: waits }, () => {
        const source = keyspace.streamAt(stream);
        const group = source?.groups.get(groupName);
        if (!source || !group) {
          throw noSuchKeyError(`NOGROUP No such key '${stream}' or consumer group '${groupName}' in XREADGROUP with GROUP option`);
        }
        const entries = group.readNew(source, consumer, count, keyspace.clock.now());
        return entries.length > 0 ? entries : undefined;
      });
    },
    async close() {
      closeWaitGroup(waits);
    },
  };
}
