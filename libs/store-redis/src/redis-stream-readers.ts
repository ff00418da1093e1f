import type { StreamName } from '@relay/redis-contract';
import { type GroupReader, StoreError, type StreamReader } from '@relay/store';
import { parseReadReply } from './parse-stream-replies';
import type { RedisClient } from './redis-clients';
import type { RedisConnection } from './redis-connection';
import { toStoreError } from './to-store-error';

// States in which a dedicated connection cannot serve a read soon: fail at once so the loop backs off.
const DOWN = new Set(['reconnecting', 'close', 'end', 'disconnecting']);

const unavailable = (message: string) => new StoreError('UNAVAILABLE', message);

/** Resolves once `client` is ready (first connect, or a reconnect under way); rejects if it closes first. */
function untilReady(client: RedisClient): Promise<void> {
  if (client.status === 'ready') return Promise.resolve();
  if (DOWN.has(client.status)) return Promise.reject(unavailable(`redis is not connected (${client.status})`));
  return new Promise((resolve, reject) => {
    const settle = (outcome: () => void) => () => {
      client.off('ready', onReady).off('close', onClose).off('end', onClose);
      outcome();
    };
    const onReady = settle(resolve);
    const onClose = settle(() => reject(unavailable('redis connection closed before it was ready')));
    client.once('ready', onReady).once('close', onClose).once('end', onClose);
  });
}

/**
 * Runs one blocking command on a dedicated connection, sent only once the connection is ready (the
 * connection has no offline queue: a queued read would run after a reconnect with nobody waiting, and
 * an `XREADGROUP` would deliver entries to nobody). Rejects with `UNAVAILABLE` when the connection is
 * down or drops while the command waits (spec/redis-contract.md §4.1: the loop backs off, resumes
 * from its last id and checks for a gap), and when the reader was closed.
 */
async function blockingCall(client: RedisClient, isClosed: () => boolean, command: () => Promise<unknown>): Promise<unknown> {
  if (isClosed()) throw unavailable('reader closed');
  await untilReady(client);
  return new Promise((resolve, reject) => {
    const onClose = () => reject(unavailable('redis connection lost during a blocking read'));
    client.once('close', onClose);
    command()
      .then(resolve, (error: unknown) => reject(toStoreError(error)))
      .finally(() => client.off('close', onClose));
  });
}

/** A plain blocking reader on its own connection: `XREAD COUNT n BLOCK ms STREAMS <stream> <id>`. */
export function createRedisStreamReader(connection: RedisConnection, stream: StreamName): StreamReader {
  const client = connection.openDedicated();
  let closed = false;
  return {
    async read(afterId, { count, blockMs }) {
      const reply = await blockingCall(client, () => closed, () =>
        client.call('XREAD', 'COUNT', count, 'BLOCK', blockMs, 'STREAMS', stream, afterId),
      );
      return parseReadReply(reply);
    },
    async close() {
      closed = true;
      await connection.releaseDedicated(client);
    },
  };
}

/** The names a group reader reads with. */
export interface GroupReaderTarget {
  stream: StreamName;
  group: string;
  consumer: string;
}

/** A consumer-group reader on its own connection: `XREADGROUP GROUP g c COUNT n BLOCK ms STREAMS <stream> >`. */
export function createRedisGroupReader(connection: RedisConnection, target: GroupReaderTarget): GroupReader {
  const client = connection.openDedicated();
  let closed = false;
  return {
    async read({ count, blockMs }) {
      const { stream, group, consumer } = target;
      const reply = await blockingCall(client, () => closed, () =>
        client.call('XREADGROUP', 'GROUP', group, consumer, 'COUNT', count, 'BLOCK', blockMs, 'STREAMS', stream, '>'),
      );
      return parseReadReply(reply);
    },
    async close() {
      closed = true;
      await connection.releaseDedicated(client);
    },
  };
}
