import type { ServerResponse } from 'node:http';
import type { Clock, TimerHandle } from '@relay/lifecycle';
import { compareStreamIds } from '@relay/redis-contract';
import type { CloseReason } from './fanout-metrics';
import { COMMENT_FRAME } from './sse-frames';

/** The comment as bytes, shared by every connection. */
const COMMENT_BYTES = Buffer.from(COMMENT_FRAME);

/**
 * Headers of an accepted stream, exactly these (spec/sdk-api.md §8.2 step 1); `X-Request-Id` is set by
 * `createApp`. Nothing compresses the response.
 */
export const STREAM_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': 'text/event-stream',
  'Cache-Control': 'no-cache',
  Connection: 'keep-alive',
  'X-Accel-Buffering': 'no',
  'Access-Control-Allow-Origin': '*',
};

/** Who holds a stream (spec/sdk-api.md §8.2 step 3): what the close rules of §8.5 match on. */
export interface StreamIdentity {
  /** The environment the stream receives frames of. */
  envId: string;
  /** `sha256hex` of the `API-Key` header. */
  sdkKeyHash: string;
  /** The token's `apiKey` claim (`auth-key-<hash>`); `undefined` with `BYPASS_AUTH`. */
  tokenApiKey: string | undefined;
  /** Request id and SDK application id, for the `sse stream opened/closed` log lines. */
  reqId: string;
  appId: string;
}

/** Write rules of one connection (spec/sdk-api.md §8.4). */
export interface SseConnectionOptions {
  clock: Clock;
  /** Longest silence before `:\n\n`, in ms (env `SSE_KEEPALIVE_INTERVAL`, seconds). */
  keepAliveIntervalMs: number;
  /** No event frame is written this many ms after a comment (rule 3). Default of the role: 250. */
  commentGuardMs: number;
  /** `res.writableLength` above this after a write destroys the connection (rule 6). Default of the role: 1 MiB. */
  maxBufferedBytes: number;
  /** Called once, when the response closed for whatever reason. */
  onClose(connection: SseConnection, reason: CloseReason): void;
}

type State = 'open' | 'ending' | 'closed';

/**
 * One SDK stream. Every write is one complete frame or several (rule 1, 2); event frames that would
 * follow a comment within `commentGuardMs` wait in a queue and leave together (rule 3); the heartbeat
 * timer is re-armed by every write (rule 4). Disconnects are seen on `res` `'close'`, never on `req`
 * (§8.2 step 5: in Node 20 the request's `'close'` fires once the empty GET body was read).
 */
export class SseConnection {
  readonly acceptedAt: number;
  private state: State = 'open';
  private lastCommentAt = Number.NEGATIVE_INFINITY;
  private queue: Buffer[] | undefined;
  private held: { frame: Buffer; entryId: string | undefined }[] | undefined;
  private guardTimer: TimerHandle | undefined;
  private heartbeat: TimerHandle | undefined;
  private endReason: CloseReason | undefined;

  constructor(
    readonly identity: StreamIdentity,
    private readonly res: ServerResponse,
    private readonly options: SseConnectionOptions,
  ) {
    this.acceptedAt = options.clock.now();
  }

  /**
   * Accepts the stream: headers written and flushed, socket settings, the initial comment, the heartbeat.
   * With `holdLiveFrames`, live frames wait until {@link release} (the `Last-Event-ID` replay, §8.7).
   * Returns false when the client is already gone.
   */
  open(holdLiveFrames: boolean): boolean {
    const { res } = this;
    if (res.destroyed || !res.socket || res.socket.destroyed) return false;
    res.writeHead(200, STREAM_HEADERS);
    res.flushHeaders();
    res.socket.setNoDelay(true);
    res.socket.setKeepAlive(true, 30_000);
    res.socket.setTimeout(0);
    if (holdLiveFrames) this.held = [];
    res.once('close', () => this.closed());
    this.heartbeat = this.options.clock.setTimeout(() => this.beat(), this.options.keepAliveIntervalMs);
    this.writeComment();
    return true;
  }

  /**
   * A live frame of this stream's environment: bytes built once for all its streams (rule 5), so no
   * connection encodes it again.
   */
  deliver(frame: Buffer, entryId?: string): void {
    if (this.held) this.held.push({ frame, entryId });
    else this.send(frame);
  }

  /**
   * Ends the replay: the replayed frames, then the held live frames with an id after `replayedUpTo`
   * (so nothing is lost or sent twice across the switch to live), and held frames without an id.
   */
  release(replayed: string, replayedUpTo: string | undefined): void {
    const held = this.held ?? [];
    this.held = undefined;
    const chunks: Buffer[] = replayed === '' ? [] : [Buffer.from(replayed)];
    for (const { frame, entryId } of held) {
      const newer = entryId === undefined || replayedUpTo === undefined || compareStreamIds(entryId, replayedUpTo) > 0;
      if (newer) chunks.push(frame);
    }
    if (chunks.length > 0) this.send(Buffer.concat(chunks));
  }

  /** Writes event frames now, or queues them until `commentGuardMs` after the last comment (rule 3). */
  send(frames: Buffer): void {
    if (this.state !== 'open') return;
    const waitMs = this.lastCommentAt + this.options.commentGuardMs - this.options.clock.now();
    if (this.queue === undefined && waitMs <= 0) {
      this.write(frames);
      return;
    }
    (this.queue ??= []).push(frames);
    this.guardTimer ??= this.options.clock.setTimeout(() => this.flushQueue(), Math.max(0, waitMs));
  }

  /** Ends the response cleanly (`res.end()`, §8.5); the SDK reconnects. */
  end(reason: CloseReason): void {
    if (this.state !== 'open') return;
    this.stop(reason);
    this.res.end();
  }

  /** Drops the connection (`res.destroy()`), e.g. a slow consumer (rule 6). */
  destroy(reason: CloseReason): void {
    if (this.state === 'closed') return;
    this.stop(reason);
    this.res.destroy();
  }

  private stop(reason: CloseReason): void {
    this.state = 'ending';
    this.endReason ??= reason;
    this.clearTimers();
  }

  private flushQueue(): void {
    this.guardTimer = undefined;
    const frames = this.queue;
    this.queue = undefined;
    if (frames && this.state === 'open')
      this.write(frames.length === 1 ? (frames[0] as Buffer) : Buffer.concat(frames));
  }

  private beat(): void {
    if (this.state !== 'open') return;
    // Unreachable with intervals ≥ 1 s (a queue only lives for 250 ms after a comment); kept as a guard.
    if (this.queue) this.heartbeat?.refresh();
    else this.writeComment();
  }

  private writeComment(): void {
    this.write(COMMENT_BYTES);
    this.lastCommentAt = this.options.clock.now();
  }

  private write(chunk: Buffer): void {
    this.res.write(chunk);
    this.heartbeat?.refresh();
    if (this.res.writableLength > this.options.maxBufferedBytes) this.destroy('slow_consumer');
  }

  private clearTimers(): void {
    if (this.heartbeat) this.options.clock.clearTimeout(this.heartbeat);
    if (this.guardTimer) this.options.clock.clearTimeout(this.guardTimer);
    this.heartbeat = undefined;
    this.guardTimer = undefined;
    this.queue = undefined;
  }

  private closed(): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.clearTimers();
    this.options.onClose(this, this.endReason ?? 'client_disconnect');
  }
}
