import type { Request, RequestHandler } from 'express';
import { NotFoundError } from '@relay/errors';
import { toEvaluation } from '@relay/flag-evaluator';
import type { EvaluationTarget } from '@relay/flag-model';
import { sendJson } from '@relay/http';
import type { GatewayContext } from '../gateway-context';
import type { EnvironmentSnapshot } from '../snapshots/environment-snapshot';
import { authorize, isHead, pathParam } from './authorize';
import { resolveTarget } from './resolve-target';

/** Handlers of the two evaluation routes (spec/sdk-api.md §6.4–6.5). */
export interface EvaluationRoutes {
  evaluations: RequestHandler;
  evaluation: RequestHandler;
}

/** What an evaluation request names: environment, path target, optional flag, `Harness-Target` header. */
export interface EvaluationRequest {
  envId: string;
  pathTarget: string;
  harnessTarget: string | undefined;
}

/** The first `Harness-Target` header of a request. */
export function harnessTargetOf(headers: Request['headers']): string | undefined {
  const header = headers['harness-target'];
  return Array.isArray(header) ? header[0] : header;
}

/**
 * The target and the environment's data. Client SDKs call both routes right after a frame, so the data
 * passes the version check (spec/redis-contract.md §7.1); the target is resolved at the same time.
 */
function inputsOf(context: GatewayContext, request: EvaluationRequest): Promise<[EvaluationTarget, EnvironmentSnapshot]> {
  const { envId } = request;
  return Promise.all([
    resolveTarget(context, envId, request.pathTarget, request.harnessTarget),
    context.snapshots.read(envId, 'callback', { snapshot: (snapshot) => snapshot, direct: () => context.direct.environment(envId) }),
  ]);
}

function reportFailure(context: GatewayContext, envId: string, identifier: string, reason: string): void {
  context.metrics.evaluationFailed(envId);
  context.logger.warn('evaluation failed', { envID: envId, identifier, reason });
}

/** The body of `GET …/evaluations`: every flag in list order; failed flags left out, counted and logged (§6.4). */
export async function readEvaluations(context: GatewayContext, request: EvaluationRequest): Promise<string> {
  const [target, snapshot] = await inputsOf(context, request);
  const result = context.evaluator.evaluateAll(snapshot.flags, target, snapshot.lookups);
  for (const failure of result.failures) reportFailure(context, request.envId, failure.flag, failure.reason);
  return JSON.stringify(result.evaluations);
}

/** The body of `GET …/evaluations/{feature}`: 404 for an unknown flag, 500 for a failed evaluation (§6.5). */
export async function readEvaluation(context: GatewayContext, request: EvaluationRequest, feature: string): Promise<string> {
  const [target, snapshot] = await inputsOf(context, request);
  const flag = snapshot.lookups.getFlag(feature);
  if (flag === undefined) throw new NotFoundError(`not found: feature config ${feature}`);
  const result = context.evaluator.evaluate(flag, target, snapshot.lookups);
  if (!result.ok) {
    reportFailure(context, request.envId, feature, result.reason);
    throw new Error(`evaluation of ${feature} failed: ${result.reason}`);
  }
  return JSON.stringify(toEvaluation(flag, result.variation));
}

/** Creates the {@link EvaluationRoutes}. */
export function createEvaluationRoutes(context: GatewayContext): EvaluationRoutes {
  const requestOf = (req: Request, envId: string): EvaluationRequest => ({
    envId,
    pathTarget: pathParam(req, 'target'),
    harnessTarget: harnessTargetOf(req.headers),
  });
  return {
    async evaluations(req, res) {
      const envId = await authorize(context, req, res);
      sendJson(res, 200, await readEvaluations(context, requestOf(req, envId)), isHead(req));
    },
    async evaluation(req, res) {
      const envId = await authorize(context, req, res);
      const body = await readEvaluation(context, requestOf(req, envId), pathParam(req, 'feature'));
      sendJson(res, 200, body, isHead(req));
    },
  };
}
