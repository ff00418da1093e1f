import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FeatureConfig, Segment } from '@relay/flag-model';

/** The environment UUID the fake's token names. */
export const FAKE_ENVIRONMENT = '71716f30-aea0-4271-89b5-cb1c82be4567';

/** A running fake of the SaaS client API, enough for a polling server SDK. */
export interface FakeSdkServer {
  /** Base URL for SDK options, `http://127.0.0.1:<port>` without a path. */
  url: string;
  /** Paths requested so far, in order (query strings included). */
  requests: string[];
  close(): Promise<void>;
}

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** An unsigned-looking JWT: SDKs only decode the payload (`environment`, `clusterIdentifier`). */
function fakeToken(): string {
  const payload = {
    environment: FAKE_ENVIRONMENT,
    environmentIdentifier: 'test',
    clusterIdentifier: '1',
    accountID: 'acc',
  };
  return `${base64url({ alg: 'HS256', typ: 'JWT' })}.${base64url(payload)}.c2lnbmF0dXJl`;
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/**
 * Starts an in-process HTTP server on 127.0.0.1 and a free port answering `/client/auth`, the
 * `feature-configs` and `target-segments` lists of {@link FAKE_ENVIRONMENT}, and 404 for everything
 * else, `/stream` included (the SDK then polls; spec/real-sdk-testing.md).
 */
export async function startFakeSdkServer(data: {
  flags: FeatureConfig[];
  segments: Segment[];
}): Promise<FakeSdkServer> {
  const requests: string[] = [];
  const envPath = `/client/env/${FAKE_ENVIRONMENT}`;
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = request.url ?? '';
    requests.push(url);
    const path = url.split('?')[0];
    request.resume();
    if (request.method === 'POST' && path === '/client/auth')
      return sendJson(response, 200, { authToken: fakeToken() });
    if (request.method === 'GET' && path === `${envPath}/feature-configs`) return sendJson(response, 200, data.flags);
    if (request.method === 'GET' && path === `${envPath}/target-segments`)
      return sendJson(response, 200, data.segments);
    return sendJson(response, 404, { error: 'not found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
