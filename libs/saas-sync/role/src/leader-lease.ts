import type { RedisKey } from '@relay/redis-contract';
import type { ConfigCache } from '@relay/store';
import type { Clock, TimerHandle } from '@relay/lifecycle';
import type { Logger } from '@relay/logging';

/** This instance lost the lease (or cannot prove it still holds it): nothing may be written. */
export class NotLeaderError extends Error {
  constructor() {
    super('not the leader');
  }
}

/** What the lease tells its owner. */
export interface LeaseListener {
  onAcquired(): void;
  onLost(): void;
  /** After every successful renewal. */
  onRenewed?(): void;
}

/** Options of {@link createLeaderLease}. */
export interface LeaderLeaseOptions {
  cache: ConfigCache;
  /** `key-<proxyKeyHash>-leader`. */
  key: RedisKey;
  instanceId: string;
  /** `LEADER_LEASE_TTL` in ms. */
  ttlMs: number;
  clock: Clock;
  logger: Logger;
  listener: LeaseListener;
}

/** The leader lease of one proxy key (spec/redis-contract.md §6). */
export interface LeaderLease {
  /** Starts trying to acquire (standby) or renewing (leader) every TTL/3. */
  start(): void;
  isLeader(): boolean;
  /** Throws {@link NotLeaderError} unless the last successful renewal is younger than 2/3 TTL. */
  assertLeader(): void;
  /** Stops the timer and, when leader, releases the lease (compare-and-delete). */
  close(): Promise<void>;
}

/** Creates a {@link LeaderLease}. */
export function createLeaderLease(options: LeaderLeaseOptions): LeaderLease {
  const { cache, key, clock, logger, listener, ttlMs } = options;
  const value = JSON.stringify(options.instanceId);
  let leader = false;
  let lastRenewedAt = 0;
  let timer: TimerHandle | undefined;
  let closed = false;

  const valid = () => leader && clock.now() - lastRenewedAt < (ttlMs * 2) / 3;

  function stepDown(reason: string): void {
    if (!leader) return;
    leader = false;
    logger.warn('leader lease lost', { reason });
    listener.onLost();
  }

  async function tick(): Promise<void> {
    try {
      if (leader) {
        if (await cache.compareAndExpire(key, value, ttlMs)) {
          lastRenewedAt = clock.now();
          listener.onRenewed?.();
        } else {
          stepDown('renew refused');
        }
      } else if (await cache.setIfAbsent(key, value, { ttlMs })) {
        leader = true;
        lastRenewedAt = clock.now();
        logger.info('leader lease acquired');
        listener.onAcquired();
      }
    } catch (error) {
      logger.warn('leader lease check failed', { err: error });
    }
    if (leader && !valid()) stepDown('no renewal within 2/3 of the lease');
  }

  const schedule = () => {
    timer = clock.setTimeout(() => {
      void tick().finally(() => {
        if (!closed) schedule();
      });
    }, Math.max(1, Math.floor(ttlMs / 3)));
  };

  return {
    start() {
      void tick().finally(() => {
        if (!closed) schedule();
      });
    },
    isLeader: valid,
    assertLeader() {
      if (!valid()) throw new NotLeaderError();
    },
    async close() {
      closed = true;
      if (timer) clock.clearTimeout(timer);
      if (!leader) return;
      leader = false;
      try {
        if (await cache.compareAndDelete(key, value)) logger.info('leader lease released');
      } catch (error) {
        logger.warn('leader lease release failed', { err: error });
      }
    },
  };
}
