import type { StreamName } from '@relay/redis-contract';
import type { EventStream } from '@relay/store';
import {
  parseAutoClaim,
  parseConsumers,
  parseEntries,
  parseGroupInfo,
  parseStreamInfo,
} from './parse-stream-replies';
import type { RedisConnection } from './redis-connection';
import { createRedisGroupReader, createRedisStreamReader } from './redis-stream-readers';
import { runCommand } from './run-command';

/** `undefined` instead of a `NO_SUCH_KEY` failure (XINFO on a missing stream). */
async function unlessMissing<T>(call: Promise<T>): Promise<T | undefined> {
  try {
    return await call;
  } catch (error) {
    if ((error as { code?: string }).code === 'NO_SUCH_KEY') return undefined;
    throw error;
  }
}

/**
 * The Redis Streams {@link EventStream} (standalone or Cluster): every command names one stream,
 * `XADD … MAXLEN n` trims exactly, blocking readers get a dedicated connection each
 * (spec/redis-contract.md §4.1, §8).
 */
export function createRedisEventStream(connection: RedisConnection): EventStream {
  const call = (command: string, ...args: (string | number)[]) =>
    runCommand(connection.client, (redis) => redis.call(command, ...args));
  const list = (ids: readonly string[]) => [...ids];

  return {
    append: async (stream, event, maxLen) => String(await call('XADD', stream, 'MAXLEN', maxLen, '*', 'event', event)),
    newest: async (stream) => parseEntries(await call('XREVRANGE', stream, '+', '-', 'COUNT', 1))[0],
    rangeAfter: async (stream, afterId, count) => parseEntries(await call('XRANGE', stream, `(${afterId}`, '+', 'COUNT', count)),
    async info(stream) {
      const reply = await unlessMissing(call('XINFO', 'STREAM', stream));
      return reply === undefined ? undefined : parseStreamInfo(reply);
    },
    openReader: (stream: StreamName) => createRedisStreamReader(connection, stream),
    async createGroup(stream, group) {
      try {
        await call('XGROUP', 'CREATE', stream, group, '0', 'MKSTREAM');
        return true;
      } catch (error) {
        if ((error as { code?: string }).code === 'BUSYGROUP') return false;
        throw error;
      }
    },
    openGroupReader: (stream, group, consumer) => createRedisGroupReader(connection, { stream, group, consumer }),
    ack: async (stream, group, ids) => (ids.length === 0 ? 0 : Number(await call('XACK', stream, group, ...list(ids)))),
    async claim(stream, group, consumer, minIdleMs, ids) {
      if (ids.length === 0) return [];
      const reply = await call('XCLAIM', stream, group, consumer, minIdleMs, ...list(ids), 'JUSTID');
      return (reply as unknown[]).map(String);
    },
    autoClaim: async (stream, group, consumer, minIdleMs, cursor, count) =>
      parseAutoClaim(await call('XAUTOCLAIM', stream, group, consumer, minIdleMs, cursor, 'COUNT', count)),
    async groupInfo(stream, group) {
      const reply = await unlessMissing(call('XINFO', 'GROUPS', stream));
      return reply === undefined ? undefined : parseGroupInfo(reply, group);
    },
    consumers: async (stream, group) => parseConsumers(await call('XINFO', 'CONSUMERS', stream, group)),
    deleteConsumer: async (stream, group, consumer) => Number(await call('XGROUP', 'DELCONSUMER', stream, group, consumer)),
  };
}
