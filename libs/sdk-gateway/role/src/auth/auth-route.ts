import type { RequestHandler } from 'express';
import { AuthenticationError, NotReadyError } from '@relay/errors';
import { parseJsonObjectBody, sendJson } from '@relay/http';
import { redisKeys, sha256hex, type EnvMeta } from '@relay/redis-contract';
import type { GatewayContext } from '../gateway-context';
import { appendMetricsEntry } from '../routes/metrics-route';
import { readAuthRequest, type AuthTarget } from './read-auth-request';
import type { TargetForwarder } from './target-forwarder';

/** 401 for an SDK key the proxy does not know (spec/sdk-api.md §10). */
export const UNKNOWN_SDK_KEY = 'unauthorised';
/** 503 for an unknown SDK key before this process has seen a first sync (§5.1 step 5). */
export const NOT_SYNCED = 'proxy has not synced with Harness yet';

/** The meta of the environment for the optional claims; a miss or a Redis error only drops them (§5.1 step 6). */
async function readMeta(context: GatewayContext, envId: string): Promise<EnvMeta | undefined> {
  try {
    const meta = await context.snapshots.read(envId, 'poll', {
      snapshot: (snapshot) => snapshot.meta,
      direct: () => context.direct.meta(envId),
    });
    if (!meta) context.logger.warn('environment meta missing', { envID: envId });
    return meta;
  } catch (error) {
    context.logger.warn('environment meta unavailable', { envID: envId, err: error });
    return undefined;
  }
}

/** §5.1 step 8: store the target for later evaluations, and forward it with `FORWARD_TARGETS`. */
async function rememberTarget(context: GatewayContext, forwarder: TargetForwarder, envId: string, target: AuthTarget): Promise<void> {
  const { config } = context;
  try {
    await context.cache.set(redisKeys.targetConfig(envId, target.identifier), JSON.stringify(target), { ttlSeconds: config.targetTtlSeconds });
  } catch (error) {
    context.logger.warn('target write failed', { envID: envId, err: error });
  }
  if (!config.forwardTargets || config.offline || target.anonymous === true) return;
  const entry = forwarder.claim(envId, target);
  if (!entry) return;
  try {
    await appendMetricsEntry(context, entry);
  } catch (error) {
    forwarder.release(envId, target);
    context.logger.warn('target forwarding failed', { envID: envId, err: error });
  }
}

/**
 * `POST /client/auth` (spec/sdk-api.md §5.1): validates the body, maps the SDK key to its environment
 * (positive lookups cached), signs the token with the meta claims, answers, and only then stores the
 * target (and forwards it) in the background.
 */
export function createAuthRoute(context: GatewayContext, forwarder: TargetForwarder): RequestHandler {
  return async (req, res) => {
    const request = readAuthRequest(parseJsonObjectBody(req));
    const hash = sha256hex(request.apiKey);
    const envId = await context.replica.tokens.lookupSdkKey(hash);
    if (envId === undefined) {
      throw context.replica.configStatus.hasSynced() ? new AuthenticationError(UNKNOWN_SDK_KEY) : new NotReadyError(NOT_SYNCED);
    }
    const meta = await readMeta(context, envId);
    const authToken = await context.tokens.issue({
      apiKey: redisKeys.authKey(hash),
      environment: envId,
      accountID: meta?.accountID,
      environmentIdentifier: meta?.environmentIdentifier,
    });
    sendJson(res, 200, JSON.stringify({ authToken }));
    const target = request.target;
    if (target && target.identifier !== '') {
      context.background.run('target write failed', () => rememberTarget(context, forwarder, envId, target));
    }
  };
}
