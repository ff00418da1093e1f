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

/** The body of `GET …/target-segments` for the `rules` query value (§6.3); polled like the flag list. */
export function readTargetSegments(context: GatewayContext, envId: string, rulesQuery: unknown): Promise<ResponseBody> {
  const variant = segmentVariantOf(context.config.andRules, rulesQuery);
  return context.snapshots.read<ResponseBody>(envId, 'poll', {
    snapshot: (snapshot) => snapshot.segmentsBody(variant),
    direct: () => context.direct.segments(envId, variant),
  });
}

/**
 * Creates the {@link ConfigRoutes}. The single items are what SDKs fetch right after a frame, so they
 * pass the version check first (spec/redis-contract.md §7.1).
 */
export function createConfigRoutes(context: GatewayContext): ConfigRoutes {
  const { snapshots, direct, config } = context;
  return {
    async featureConfigs(req, res) {
      const envId = await authorize(context, req, res);
      sendJson(res, 200, await readFeatureConfigs(context, envId), isHead(req));
    },
    async featureConfig(req, res) {
      const envId = await authorize(context, req, res);
      const identifier = pathParam(req, 'identifier');
      const body = await snapshots.read<ResponseBody | undefined>(envId, 'callback', {
        snapshot: (snapshot) => snapshot.featureConfigBody(identifier),
        direct: () => direct.featureConfig(envId, identifier),
      });
      if (body === undefined) throw new NotFoundError(`not found: feature config ${identifier}`);
      sendJson(res, 200, body, isHead(req));
    },
    async targetSegments(req, res) {
      const envId = await authorize(context, req, res);
      sendJson(res, 200, await readTargetSegments(context, envId, req.query['rules']), isHead(req));
    },
    async targetSegment(req, res) {
      const envId = await authorize(context, req, res);
      const identifier = pathParam(req, 'identifier');
      const variant = segmentVariantOf(config.andRules, req.query['rules']);
      const body = await snapshots.read<ResponseBody | undefined>(envId, 'callback', {
        snapshot: (snapshot) => snapshot.segmentBody(identifier, variant),
        direct: () => direct.segment(envId, identifier, variant),
      });
      if (body === undefined) throw new NotFoundError(`not found: target segment ${identifier}`);
      sendJson(res, 200, body, isHead(req));
    },
  };
}
