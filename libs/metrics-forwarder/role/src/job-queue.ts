import type { Clock, TimerHandle } from '@relay/lifecycle';
import type { Logger } from '@relay/logging';
import type { ForwardJob } from './forward-job';
import type { JobSender } from './send-job';

/** Options of {@link createJobQueue}. */
export interface JobQueueOptions {
  send: JobSender;
  clock: Clock;
  logger: Logger;
  /** Jobs with a POST under way at once (spec/saas-api.md §6.4: 4). */
  maxInFlight: number;
  /** Called once per job when every part was accepted or dropped: time to acknowledge its entries. */
  onResolved(job: ForwardJob): void;
}

/**
 * The jobs of flushed batches until they are resolved. At most `maxInFlight` jobs are being sent;
 * a job waiting for its retry does not hold a slot, so one failing environment cannot stall the others.
 */
export interface JobQueue {
  push(jobs: readonly ForwardJob[]): void;
  /** Batch bytes held by unresolved jobs (backpressure, §6.4). */
  unresolvedBytes(): number;
  /** Jobs queued, being sent or waiting for a retry. */
  unresolvedCount(): number;
  /** Whether an unresolved job carries the entry `id`. */
  has(id: string): boolean;
  /** Entry ids of every unresolved job. */
  ids(): string[];
  /** Resolves once `condition()` holds (checked now and after every change) or `signal` aborts. */
  waitUntil(condition: () => boolean, signal?: AbortSignal): Promise<void>;
  /** Stops sending: retry timers are cancelled and unresolved jobs are abandoned (their entries stay pending). */
  close(): void;
}

/** Creates a {@link JobQueue}. */
export function createJobQueue(options: JobQueueOptions): JobQueue {
  const { send, clock, logger } = options;
  const ready: ForwardJob[] = [];
  const unresolved = new Set<ForwardJob>();
  const heldIds = new Set<string>();
  const timers = new Map<ForwardJob, TimerHandle>();
  const waiters = new Set<() => void>();
  let bytes = 0;
  let active = 0;
  let closed = false;

  const notify = () => [...waiters].forEach((check) => check());

  function resolve(job: ForwardJob): void {
    unresolved.delete(job);
    bytes -= job.bytes;
    for (const id of job.ids) heldIds.delete(id);
    options.onResolved(job);
  }

  async function run(job: ForwardJob): Promise<void> {
    let outcome: Awaited<ReturnType<JobSender>>;
    try {
      outcome = await send(job);
    } catch (error) {
      // The sender turns every SaaS outcome into a value; this is a bug, so try again later.
      logger.error('metrics post failed', { envID: job.envId, err: error, retryInMs: 60_000 });
      outcome = { resolved: false, retryInMs: 60_000 };
    }
    active -= 1;
    if (closed) return;
    if (outcome.resolved) resolve(job);
    else {
      const timer = clock.setTimeout(() => {
        timers.delete(job);
        ready.push(job);
        pump();
      }, outcome.retryInMs);
      timers.set(job, timer);
    }
    pump();
    notify();
  }

  function pump(): void {
    while (!closed && active < options.maxInFlight && ready.length > 0) {
      const job = ready.shift() as ForwardJob;
      active += 1;
      void run(job);
    }
  }

  return {
    push(jobs) {
      for (const job of jobs) {
        unresolved.add(job);
        bytes += job.bytes;
        for (const id of job.ids) heldIds.add(id);
        ready.push(job);
      }
      pump();
      notify();
    },
    unresolvedBytes: () => bytes,
    unresolvedCount: () => unresolved.size,
    has: (id) => heldIds.has(id),
    ids: () => [...heldIds],
    waitUntil(condition, signal) {
      return new Promise<void>((done) => {
        const check = () => {
          if (!condition() && !signal?.aborted) return;
          waiters.delete(check);
          signal?.removeEventListener('abort', check);
          done();
        };
        waiters.add(check);
        signal?.addEventListener('abort', check, { once: true });
        check();
      });
    },
    close() {
      closed = true;
      for (const timer of timers.values()) clock.clearTimeout(timer);
      timers.clear();
      ready.length = 0;
      notify();
    },
  };
}
