import type { IncomingMessage, ServerResponse } from 'node:http';
import { NotReadyError } from '@relay/errors';
import type { Clock } from '@relay/lifecycle';
import type { Logger } from '@relay/logging';
import { parseStreamId } from '@relay/redis-contract';
import type { EventStream } from '@relay/store';
import { SHUTTING_DOWN, type StreamEndpoint } from './authorize-stream';
import type { ConnectionHub } from './connection-hub';
import type { EnvironmentTracker } from './environment-tracker';
import type { CloseReason, FanoutMetrics } from './fanout-metrics';
import { readMissedFrames } from './read-missed-frames';
import { SseConnection, type StreamIdentity } from './sse-connection';

/** Options of {@link createStreamAcceptor}. */
export interface StreamAcceptorOptions {
  hub: ConnectionHub;
  tracker: EnvironmentTracker;
  metrics: FanoutMetrics;
  events: EventStream;
  clock: Clock;
  logger: Logger;
  /** `SSE_KEEPALIVE_INTERVAL` in ms. */
  keepAliveIntervalMs: number;
  /** §8.4 rule 3 guard, in ms. */
  commentGuardMs: number;
  /** §8.4 rule 6 limit, in bytes. */
  maxBufferedBytes: number;
  /** Entries per `XRANGE` page of the replay. */
  replayPageSize: number;
  isClosing(): boolean;
}

const lastEventIdOf = (req: IncomingMessage): string | undefined => {
  const header = req.headers['last-event-id'];
  return Array.isArray(header) ? header[0] : header;
};

/**
 * Accepts an authorised `/stream` request (spec/sdk-api.md §8.2): opens the connection, registers it
 * under its environment, loads the environment's identifiers at its first stream (spec/redis-contract.md
 * §7.4), and for a valid `Last-Event-ID` replays the missed entries before any live frame (§8.7). Logs
 * `sse stream opened` / `sse stream closed` and counts closes by reason.
 */
export function createStreamAcceptor(options: StreamAcceptorOptions): StreamEndpoint['accept'] {
  const { hub, tracker, metrics, clock, logger } = options;

  const onClose = (connection: SseConnection, reason: CloseReason): void => {
    const { envId, reqId, appId } = connection.identity;
    if (hub.remove(connection)) tracker.forget(envId);
    metrics.closed(reason);
    const durationMs = clock.now() - connection.acceptedAt;
    logger.info('sse stream closed', { envID: envId, reqID: reqId, appID: appId, reason, durationMs });
  };

  async function replay(connection: SseConnection, lastEventId: string): Promise<void> {
    const { envId, reqId } = connection.identity;
    try {
      const missed = await readMissedFrames(options.events, envId, lastEventId, options.replayPageSize);
      connection.release(missed?.frames ?? '', missed?.upTo);
    } catch (error) {
      logger.warn('last event id replay failed', { envID: envId, reqID: reqId, err: error });
      connection.release('', undefined);
    }
  }

  return async (req: IncomingMessage, res: ServerResponse, identity: StreamIdentity): Promise<void> => {
    if (options.isClosing()) throw new NotReadyError(SHUTTING_DOWN);
    const lastEventId = lastEventIdOf(req);
    const replaying = lastEventId !== undefined && parseStreamId(lastEventId) !== undefined;
    const { keepAliveIntervalMs, commentGuardMs, maxBufferedBytes } = options;
    const connection = new SseConnection(identity, res, {
      clock,
      keepAliveIntervalMs,
      commentGuardMs,
      maxBufferedBytes,
      onClose,
    });
    if (!connection.open(replaying)) return;
    hub.add(connection);
    logger.info('sse stream opened', { envID: identity.envId, reqID: identity.reqId, appID: identity.appId });
    void tracker.ensure(identity.envId);
    if (replaying) await replay(connection, lastEventId);
  };
}
