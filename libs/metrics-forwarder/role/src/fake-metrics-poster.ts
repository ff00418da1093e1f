import type { MetricsAuthResult, MetricsBody, MetricsPoster, MetricsPostResult } from './metrics-poster';

/** One POST the fake received. */
export interface FakePost {
  envId: string;
  body: MetricsBody;
}

/** A {@link MetricsPoster} for tests: records every call and answers from scripted results. */
export interface FakeMetricsPoster extends MetricsPoster {
  /** Every POST, in call order (failed ones included). */
  readonly posts: FakePost[];
  /** How many times `authenticate` was called. */
  authentications(): number;
  /** Results for the next POSTs, in order; once used up, POSTs are `accepted` with 200. */
  respondWith(...results: MetricsPostResult[]): void;
  /** Results for the next `authenticate` calls; once used up, `{ ok: true }`. */
  authenticateWith(...results: MetricsAuthResult[]): void;
  /** While paused, POSTs wait until {@link resume}. */
  pause(): void;
  resume(): void;
  /** POSTs waiting while paused. */
  waiting(): number;
}

/** Creates a {@link FakeMetricsPoster}. */
export function createFakeMetricsPoster(): FakeMetricsPoster {
  const posts: FakePost[] = [];
  const scripted: MetricsPostResult[] = [];
  const authResults: MetricsAuthResult[] = [];
  let held: (() => void)[] | undefined;
  let authentications = 0;

  return {
    posts,
    authentications: () => authentications,
    respondWith: (...results) => void scripted.push(...results),
    authenticateWith: (...results) => void authResults.push(...results),
    pause: () => void (held ??= []),
    resume() {
      const waiting = held ?? [];
      held = undefined;
      waiting.forEach((release) => release());
    },
    waiting: () => held?.length ?? 0,
    async authenticate() {
      authentications += 1;
      return authResults.shift() ?? { ok: true };
    },
    async post(envId, body) {
      const queue = held;
      if (queue) await new Promise<void>((release) => queue.push(release));
      posts.push({ envId, body: structuredClone(body) });
      return scripted.shift() ?? { outcome: 'accepted', status: 200 };
    },
  };
}
