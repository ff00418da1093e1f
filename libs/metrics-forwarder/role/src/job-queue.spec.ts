import { createFakeClock } from '@relay/lifecycle/testing';
import { createCapturingLogger } from '@relay/logging/testing';
import type { ForwardJob } from './forward-job';
import { createJobQueue } from './job-queue';
import type { JobAttemptOutcome } from './send-job';

const job = (envId: string, bytes = 10): ForwardJob => ({
  envId,
  parts: [],
  ids: [`${envId}-id`],
  oldestMs: 0,
  bytes,
  failedAttempts: 0,
  dropCounted: false,
});

function setup(answer: (job: ForwardJob) => Promise<JobAttemptOutcome>) {
  const clock = createFakeClock();
  const resolved: string[] = [];
  const started: string[] = [];
  const queue = createJobQueue({
    clock,
    logger: createCapturingLogger(),
    maxInFlight: 4,
    send: (sent) => {
      started.push(sent.envId);
      return answer(sent);
    },
    onResolved: (done) => resolved.push(done.envId),
  });
  return { clock, queue, resolved, started };
}

describe('createJobQueue', () => {
  it('sends at most 4 jobs at once', async () => {
    const releases: (() => void)[] = [];
    const { queue, started, resolved, clock } = setup(
      () => new Promise((resolve) => releases.push(() => resolve({ resolved: true }))),
    );
    queue.push(['a', 'b', 'c', 'd', 'e', 'f'].map((env) => job(env)));
    expect(started).toEqual(['a', 'b', 'c', 'd']);
    expect(queue.unresolvedBytes()).toBe(60);
    releases.shift()?.();
    await clock.advance(0);
    expect(started).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(resolved).toEqual(['a']);
    expect(queue.has('a-id')).toBe(false);
    expect(queue.has('b-id')).toBe(true);
    expect(queue.unresolvedCount()).toBe(5);
  });

  it('frees the slot of a job waiting for its retry and sends it again after the delay', async () => {
    let failing = true;
    const { queue, started, resolved, clock } = setup(async (sent) =>
      sent.envId === 'bad' && failing ? { resolved: false, retryInMs: 1000 } : { resolved: true },
    );
    queue.push([job('bad'), job('b'), job('c'), job('d'), job('e')]);
    await clock.advance(0);
    expect(resolved).toEqual(['b', 'c', 'd', 'e']);
    failing = false;
    await clock.advance(999);
    expect(started.filter((env) => env === 'bad')).toHaveLength(1);
    await clock.advance(1);
    expect(resolved).toEqual(['b', 'c', 'd', 'e', 'bad']);
    expect(queue.unresolvedCount()).toBe(0);
  });

  it('after close, abandons waiting jobs and sends nothing more', async () => {
    const { queue, started, resolved, clock } = setup(async () => ({ resolved: false, retryInMs: 1000 }));
    queue.push([job('a')]);
    await clock.advance(0);
    queue.close();
    await clock.advance(5000);
    expect(started).toEqual(['a']);
    expect(resolved).toEqual([]);
    expect(clock.pendingTimers()).toBe(0);
  });
});
