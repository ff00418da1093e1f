import { Router, type RequestHandler } from 'express';
import { methodNotAllowed } from '@relay/http';
import { createHealthRouter, type ReplicaState } from '@relay/replica';
import type { ConfigRoutes } from './routes/config-routes';
import type { EvaluationRoutes } from './routes/evaluation-routes';

/** Every handler the gateway router mounts. */
export interface GatewayHandlers extends ConfigRoutes, EvaluationRoutes {
  auth: RequestHandler;
  metrics: RequestHandler;
}

const GET_ALLOW = ['GET', 'HEAD', 'OPTIONS'];
const POST_ALLOW = ['POST', 'OPTIONS'];

/**
 * Route templates of spec/sdk-api.md §4 (they are also the `url` label of the request metrics), in
 * matching order: the method each serves, and the 405 with `Allow` every other method gets.
 */
export function gatewayRoutes(handlers: GatewayHandlers): [method: 'get' | 'post', path: string, handler: RequestHandler][] {
  return [
    ['post', '/client/auth', handlers.auth],
    ['get', '/client/env/:environment_uuid/feature-configs', handlers.featureConfigs],
    ['get', '/client/env/:environment_uuid/feature-configs/:identifier', handlers.featureConfig],
    ['get', '/client/env/:environment_uuid/target-segments', handlers.targetSegments],
    ['get', '/client/env/:environment_uuid/target-segments/:identifier', handlers.targetSegment],
    ['get', '/client/env/:environment_uuid/target/:target/evaluations', handlers.evaluations],
    ['get', '/client/env/:environment_uuid/target/:target/evaluations/:feature', handlers.evaluation],
    ['post', '/metrics/:environment_uuid', handlers.metrics],
  ];
}

/**
 * The router of sdk-gateway: `/health` (V2 shape) and the SDK routes. `GET` routes also answer `HEAD`
 * (express does that); a known path with another method is a 405 with `Allow` (spec/sdk-api.md §3).
 */
export function createGatewayRouter(handlers: GatewayHandlers, replica: ReplicaState): Router {
  const router = Router();
  router.use(createHealthRouter(replica));
  router.all('/health', methodNotAllowed(GET_ALLOW));
  for (const [method, path, handler] of gatewayRoutes(handlers)) {
    router[method](path, handler);
    router.all(path, methodNotAllowed(method === 'get' ? GET_ALLOW : POST_ALLOW));
  }
  return router;
}
