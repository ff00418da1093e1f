import { Router } from 'express';
import { sendJson } from '@relay/http';
import type { ReplicaState } from './replica-state';

/** The V2 `/health` answer: status code and JSON body (spec/sdk-api.md §9.1). */
export function healthResponse(state: ReplicaState): { status: number; body: string } {
  const status = state.configStatus.status();
  const configStatus = state.readReplica
    ? { state: 'READ_REPLICA', since: state.startedAt }
    : { state: status?.state ?? 'INITIALIZING', since: status?.since ?? state.startedAt };
  const stream = state.streamHealth.state();
  const body = JSON.stringify({
    configStatus,
    streamStatus: { state: stream.state, since: stream.since },
    cacheStatus: state.storeHealthy() ? 'healthy' : 'unhealthy',
  });
  const code = configStatus.state === 'INITIALIZING' ? 503 : configStatus.state === 'FAILED_TO_SYNC' ? 500 : 200;
  return { status: code, body };
}

/** `GET /health` for sdk-gateway and sse-fanout; the JSON body is returned with every status. */
export function createHealthRouter(state: ReplicaState): Router {
  const router = Router();
  router.get('/health', (req, res) => {
    const { status, body } = healthResponse(state);
    sendJson(res, status, body, req.method === 'HEAD');
  });
  return router;
}
