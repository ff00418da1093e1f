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

function harnessTargetOf(req: Request): string | undefined {
  const header = req.headers['harness-target'];
  return Array.isArray(header) ? header[0] : header;
}

/**
 * Creates the {@link EvaluationRoutes}. Both are called back by client SDKs right after a frame, so the
 * environment's data passes the version check (spec/redis-contract.md §7.1); the target is resolved at
 * the same time. Failed flags are left out of the list, and are a 500 for the single route, each one
 * counted and logged (`evaluation failed`, warn).
 */
export function createEvaluationRoutes(context: GatewayContext): EvaluationRoutes {
  const { snapshots, direct, evaluator, metrics, logger } = context;

  async function inputs(req: Request, envId: string): Promise<[EvaluationTarget, EnvironmentSnapshot]> {
    return Promise.all([
      resolveTarget(context, envId, pathParam(req, 'target'), harnessTargetOf(req)),
      snapshots.read(envId, 'callback', { snapshot: (snapshot) => snapshot, direct: () => direct.environment(envId) }),
    ]);
  }

  const failed = (envId: string, identifier: string, reason: string) => {
    metrics.evaluationFailed(envId);
    logger.warn('evaluation failed', { envID: envId, identifier, reason });
  };

  return {
    async evaluations(req, res) {
      const envId = await authorize(context, req, res);
      const [target, snapshot] = await inputs(req, envId);
      const result = evaluator.evaluateAll(snapshot.flags, target, snapshot.lookups);
      for (const failure of result.failures) failed(envId, failure.flag, failure.reason);
      sendJson(res, 200, JSON.stringify(result.evaluations), isHead(req));
    },
    async evaluation(req, res) {
      const envId = await authorize(context, req, res);
      const feature = pathParam(req, 'feature');
      const [target, snapshot] = await inputs(req, envId);
      const flag = snapshot.lookups.getFlag(feature);
      if (flag === undefined) throw new NotFoundError(`not found: feature config ${feature}`);
      const result = evaluator.evaluate(flag, target, snapshot.lookups);
      if (!result.ok) {
        failed(envId, feature, result.reason);
        throw new Error(`evaluation of ${feature} failed: ${result.reason}`);
      }
      sendJson(res, 200, JSON.stringify(toEvaluation(flag, result.variation)), isHead(req));
    },
  };
}
