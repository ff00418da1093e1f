import type { RequestHandler } from 'express';
import { NotFoundError } from '@relay/errors';
import { sendJson } from '@relay/http';
import type { GatewayContext } from '../gateway-context';
import type { ResponseBody } from '../snapshots/environment-snapshot';
import { segmentVariantOf } from '../snapshots/segment-variant';
import { authorize, isHead, pathParam } from './authorize';

/** Handlers of the four configuration routes (spec/sdk-api.md §6.1–6.3). */
export interface ConfigRoutes {
  featureConfigs: RequestHandler;
  featureConfig: RequestHandler;
  targetSegments: RequestHandler;
  targetSegment: RequestHandler;
}

/** The body of `GET …/feature-configs`: polled, so served from the snapshot without Redis (§7.1). */
export function readFeatureConfigs(context: GatewayContext, envId: string): Promise<ResponseBody> {
  return context.snapshots.read<ResponseBody>(envId, 'poll', {
    snapshot: (snapshot) => snapshot.featureConfigsBody(),
    direct: () => context.direct.featureConfigs(envId),
  });
}

/** The body of `GET …/feature-configs/{identifier}`: fetched right after a frame, so version-checked (§7.1). */
export async function readFeatureConfig(context: GatewayContext, envId: string, identifier: string): Promise<ResponseBody> {
  const body = await context.snapshots.read<ResponseBody | undefined>(envId, 'callback', {
    snapshot: (snapshot) => snapshot.featureConfigBody(identifier),
    direct: () => context.direct.featureConfig(envId, identifier),
  });
  if (body === undefined) throw new NotFoundError(`not found: feature config ${identifier}`);
  return body;
}

/** The body of `GET …/target-segments` for the `rules` query value (§6.3); polled like the flag list. */
export function readTargetSegments(context: GatewayContext, envId: string, rulesQuery: unknown): Promise<ResponseBody> {
  const variant = segmentVariantOf(context.config.andRules, rulesQuery);
  return context.snapshots.read<ResponseBody>(envId, 'poll', {
    snapshot: (snapshot) => snapshot.segmentsBody(variant),
    direct: () => context.direct.segments(envId, variant),
  });
}

/** The body of `GET …/target-segments/{identifier}`: version-checked like a single flag. */
export async function readTargetSegment(context: GatewayContext, envId: string, identifier: string, rulesQuery: unknown): Promise<ResponseBody> {
  const variant = segmentVariantOf(context.config.andRules, rulesQuery);
  const body = await context.snapshots.read<ResponseBody | undefined>(envId, 'callback', {
    snapshot: (snapshot) => snapshot.segmentBody(identifier, variant),
    direct: () => context.direct.segment(envId, identifier, variant),
  });
  if (body === undefined) throw new NotFoundError(`not found: target segment ${identifier}`);
  return body;
}

/** Creates the {@link ConfigRoutes}. */
export function createConfigRoutes(context: GatewayContext): ConfigRoutes {
  return {
    async featureConfigs(req, res) {
      const envId = await authorize(context, req, res);
      sendJson(res, 200, await readFeatureConfigs(context, envId), isHead(req));
    },
    async featureConfig(req, res) {
      const envId = await authorize(context, req, res);
      sendJson(res, 200, await readFeatureConfig(context, envId, pathParam(req, 'identifier')), isHead(req));
    },
    async targetSegments(req, res) {
      const envId = await authorize(context, req, res);
      sendJson(res, 200, await readTargetSegments(context, envId, req.query['rules']), isHead(req));
    },
    async targetSegment(req, res) {
      const envId = await authorize(context, req, res);
      sendJson(res, 200, await readTargetSegment(context, envId, pathParam(req, 'identifier'), req.query['rules']), isHead(req));
    },
  };
}
