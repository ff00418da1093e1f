import type { RequestHandler } from 'express';
import { parseJsonObjectBody, sendJson } from '@relay/http';
import { streamNames } from '@relay/redis-contract';
import type { GatewayContext } from '../gateway-context';
import { authorize } from './authorize';
import { hasMetricsItems, readMetricsBody } from './read-metrics-body';

/**
 * Appends `entry` to `stream:sdk_metrics` with the exact `METRICS_STREAM_MAX_LEN` (spec/redis-contract.md
 * §4.4), counting the outcome; rejects when Redis does.
 */
export async function appendMetricsEntry(context: GatewayContext, entry: object): Promise<void> {
  try {
    await context.events.append(streamNames.sdkMetrics, JSON.stringify(entry), context.config.metricsStreamMaxLen);
  } catch (error) {
    context.metrics.metricsPublished('err_publishing');
    throw error;
  }
  context.metrics.metricsPublished('false');
}

/**
 * `POST /metrics/{environment_uuid}` (spec/sdk-api.md §7): token and environment checks, body
 * validation, then one `XADD` of `{"environment_id",…}` — answered `200 null` only once it succeeded.
 */
export function createMetricsRoute(context: GatewayContext): RequestHandler {
  return async (req, res) => {
    const envId = await authorize(context, req, res);
    const body = readMetricsBody(parseJsonObjectBody(req));
    if (hasMetricsItems(body)) await appendMetricsEntry(context, { environment_id: envId, ...body });
    sendJson(res, 200, 'null');
  };
}
