import { backoffDelay, type Clock } from '@relay/lifecycle';
import type { Logger } from '@relay/logging';
import { bodyItemCount, type ForwardJob } from './forward-job';
import type { DropReason, MetricsForwarderMetrics } from './metrics-forwarder-metrics';
import type { MetricsBody, MetricsPoster, MetricsPostResult } from './metrics-poster';

/** What one attempt at a job came to: done (every part accepted or dropped), or try again after `retryInMs`. */
export type JobAttemptOutcome = { resolved: true } | { resolved: false; retryInMs: number };

/** Dependencies of {@link createJobSender}. */
export interface JobSenderDeps {
  poster: MetricsPoster;
  metrics: MetricsForwarderMetrics;
  logger: Logger;
  clock: Clock;
  /** `METRICS_MAX_RETRY_AGE` in ms: a failing job whose oldest entry is this old is dropped (`expired`). */
  maxRetryAgeMs: number;
  /** Jitter source, 0 ≤ random() < 1. */
  random: () => number;
}

/** Sends the parts of a job (spec/saas-api.md §6.4–6.5); call it again after `retryInMs` when not resolved. */
export type JobSender = (job: ForwardJob) => Promise<JobAttemptOutcome>;

// Retries wait 1 s, 2 s, 4 s … capped at 60 s, ±20 % (spec/saas-api.md §6.5).
const RETRY_BACKOFF = { initialMs: 1000, maxMs: 60_000, jitter: 0.2 };

/** Creates the {@link JobSender}: POST outcomes, the 401 re-authentication, retries and drops. */
export function createJobSender(deps: JobSenderDeps): JobSender {
  const { poster, metrics, logger, clock } = deps;

  function drop(job: ForwardJob, reason: DropReason, fields: Record<string, unknown>): void {
    if (job.dropCounted) return;
    job.dropCounted = true;
    metrics.dropped(job.envId, reason, job.ids.length);
    logger.error('metrics dropped', { envID: job.envId, reason, count: job.ids.length, ...fields });
  }

  async function postOnce(job: ForwardJob, body: MetricsBody): Promise<MetricsPostResult> {
    const result = await deps.poster.post(job.envId, body);
    if (result.outcome === 'accepted') {
      metrics.forwarded(job.envId, false);
      if ('metricsData' in body) metrics.sdkUsage(job.envId, body.metricsData);
      logger.debug('metrics posted', { envID: job.envId, items: bodyItemCount(body), status: result.status });
    } else if (result.outcome === 'failed') metrics.forwarded(job.envId, true);
    return result;
  }

  /** A 401 → authenticate again and retry at once, once per attempt (§6.5). */
  async function postWithReauth(job: ForwardJob, body: MetricsBody): Promise<MetricsPostResult> {
    const first = await postOnce(job, body);
    if (first.outcome !== 'failed' || first.status !== 401) return first;
    const auth = await poster.authenticate();
    if (!auth.ok) return { outcome: 'no-token', keyRejected: auth.keyRejected, status: auth.status, error: auth.error };
    metrics.retried(job.envId);
    const second = await postOnce(job, body);
    // A second 401 right after a fresh token: back off like any retryable failure.
    return second.outcome === 'failed' && second.status === 401 ? { ...second, retryable: true } : second;
  }

  function retryLater(job: ForwardJob, result: Exclude<MetricsPostResult, { outcome: 'accepted' }>): JobAttemptOutcome {
    if (result.outcome === 'no-token' && result.keyRejected)
      logger.error('proxy key rejected', { status: result.status });
    const failure = result.status !== undefined ? { status: result.status } : { err: result.error };
    if (clock.now() - job.oldestMs >= deps.maxRetryAgeMs) {
      drop(job, 'expired', failure);
      job.parts = [];
      return { resolved: true };
    }
    const retryAfterMs = result.outcome === 'failed' ? result.retryAfterMs : undefined;
    const retryInMs = retryAfterMs ?? backoffDelay(job.failedAttempts, RETRY_BACKOFF, deps.random);
    job.failedAttempts += 1;
    metrics.retried(job.envId);
    logger.warn('metrics post failed', { envID: job.envId, ...failure, retryInMs });
    return { resolved: false, retryInMs };
  }

  return async (job) => {
    for (let body = job.parts[0]; body !== undefined; body = job.parts[0]) {
      const result = await postWithReauth(job, body);
      if (result.outcome === 'failed' && !result.retryable) {
        drop(job, 'rejected', { status: result.status });
      } else if (result.outcome !== 'accepted') {
        return retryLater(job, result);
      }
      job.parts.shift();
    }
    return { resolved: true };
  };
}
