// What the scenarios do on the SaaS side (through the emulator admin API) and what they observe on the
// proxy over plain HTTP; shared by both SDK files.
import { createHash } from 'node:crypto';
import type { RecordedRequest } from '@relay/saas-emulator';
import { boolFlag1, DEMO_ENV, demoState, PROXY_KEY } from './demo-project';
import type { Topology } from './topology';
import { pause, waitFor } from './wait-for';

/** An environment the emulator adds while the proxy runs (scenario "environment added"). */
export const NEW_ENV = { id: '5e3c1c5e-7a1f-4c51-9d3e-2f0b8a6e4d10', identifier: 'e2e', project: 'demo' };
export const NEW_ENV_SERVER_KEY = 'e2e-new-env-server-key';
export const NEW_ENV_CLIENT_KEY = 'e2e-new-env-client-key';

/**
 * Restarts saas-sync (split topology) and waits until the new instance holds the account stream, then long
 * enough for its full sync to have run, so a frame it caused would already have reached the SDKs.
 */
export async function restartSaasSyncAndWaitForLeader(topology: Topology): Promise<void> {
  const { admin } = topology.emulator;
  await admin.clearRequests();
  await topology.restartSaasSync!();
  const leading = async () => (await admin.requests({ path: '/api/1.0/stream' })).length > 0 && (await admin.streamCount(PROXY_KEY)) === 1;
  await waitFor(leading, 10_000, 'the new saas-sync leading');
  await pause(500);
}

/** Sets `bool-flag1` to `state` in the emulator; resolves with the time just before the call (ms). */
export async function flipBoolFlag1(topology: Topology, state: 'on' | 'off'): Promise<number> {
  const startedAt = Date.now();
  await topology.emulator.admin.putFlag(DEMO_ENV, boolFlag1(state));
  return startedAt;
}

/** Replaces segment `beta-users` with the seed's version plus `extra` included targets. */
export async function setBetaUsers(topology: Topology, extra: readonly string[]): Promise<void> {
  const seed = demoState().segments![DEMO_ENV]!.find((segment) => segment.identifier === 'beta-users')!;
  const included = [...((seed.included as { identifier: string; name: string }[] | undefined) ?? []), ...extra.map((identifier) => ({ identifier, name: identifier }))];
  await topology.emulator.admin.putSegment(DEMO_ENV, { ...seed, identifier: 'beta-users', included });
}

/** `POST /client/auth` on the proxy; the status and, on 200, the token. */
export async function authenticate(topology: Topology, apiKey: string, target?: object): Promise<{ status: number; token?: string }> {
  const response = await fetch(`${topology.baseUrl}/client/auth`, { method: 'POST', body: JSON.stringify({ apiKey, target }) });
  const body = (await response.json()) as { authToken?: string };
  return { status: response.status, token: body.authToken };
}

/** Waits until `POST /client/auth` with `apiKey` answers `status`. */
export function waitForAuthStatus(topology: Topology, apiKey: string, status: number, timeoutMs = 5000): Promise<void> {
  return waitFor(async () => (await authenticate(topology, apiKey)).status === status, timeoutMs, `auth of ${apiKey} → ${status}`);
}

/** Adds {@link NEW_ENV} with one flag and two SDK keys, then extends the proxy key's scope to it. */
export async function addEnvironment(topology: Topology): Promise<void> {
  const { admin } = topology.emulator;
  await admin.putEnvironment(NEW_ENV);
  await admin.putFlag(NEW_ENV.id, {
    feature: 'e2e-greeting',
    kind: 'string',
    state: 'on',
    variations: [{ identifier: 'hey', name: 'Hey', value: 'hey from e2e' }, { identifier: 'bye', name: 'Bye', value: 'bye' }],
    defaultServe: { variation: 'hey' },
    offVariation: 'bye',
  });
  await admin.addSdkKey(NEW_ENV.id, NEW_ENV_SERVER_KEY);
  await admin.addSdkKey(NEW_ENV.id, NEW_ENV_CLIENT_KEY);
  await admin.putProxyKey(PROXY_KEY, [DEMO_ENV, NEW_ENV.id]);
}

/** `streamStatus.state` of the proxy's `GET /health` (spec/sdk-api.md §9.1). */
async function streamState(topology: Topology): Promise<string> {
  const health = (await (await fetch(`${topology.baseUrl}/health`)).json()) as { streamStatus: { state: string } };
  return health.streamStatus.state;
}

/** Drops the proxy's SaaS stream and refuses new ones (503) until {@link restoreSaasStream}; waits for `/health` to say so. */
export async function dropSaasStream(topology: Topology): Promise<void> {
  await topology.emulator.admin.setFault({ target: 'stream', mode: 'status', status: 503 });
  await topology.emulator.admin.setFault({ target: 'stream', mode: 'drop', count: 1 });
  await waitFor(async () => (await streamState(topology)) === 'DISCONNECTED', 5000, 'streamStatus DISCONNECTED');
}

/** Clears the faults and waits until the proxy's SaaS stream is connected again. */
export async function restoreSaasStream(topology: Topology): Promise<void> {
  await topology.emulator.admin.clearFaults();
  await waitFor(async () => (await streamState(topology)) === 'CONNECTED', 10_000, 'streamStatus CONNECTED');
}

/** The metrics posts the emulator received since the last clear, with the bearer token's claims decoded. */
export async function metricsPosts(topology: Topology): Promise<(RecordedRequest & { claims: Record<string, unknown> })[]> {
  const requests = await topology.emulator.admin.requests({ pathPrefix: '/api/1.0/metrics/', method: 'POST' });
  return requests.map((request) => {
    const token = String(request.headers['authorization'] ?? '').replace(/^Bearer /, '');
    return { ...request, claims: JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString() || '{}') as Record<string, unknown> };
  });
}

/** Waits until no metrics post arrived for 1.2 s (earlier clients' metrics are flushed every second), then clears the log. */
export async function settleMetrics(topology: Topology): Promise<void> {
  let seen = -1;
  for (;;) {
    const now = (await metricsPosts(topology)).length;
    if (now === seen) break;
    seen = now;
    await pause(1200);
  }
  await topology.emulator.admin.clearRequests();
}

/** The `key` claim of the emulator's proxy tokens: SHA-256 hex of the proxy key. */
export const PROXY_KEY_HASH = createHash('sha256').update(PROXY_KEY).digest('hex');

/** `metricsData` items of `posts` as plain attribute maps with their count. */
export function metricItems(posts: readonly RecordedRequest[]): { attributes: Record<string, string>; count: number }[] {
  return posts.flatMap((post) =>
    ((post.body as { metricsData?: { attributes: { key: string; value: string }[]; count: number }[] }).metricsData ?? []).map((item) => ({
      attributes: Object.fromEntries(item.attributes.map(({ key, value }) => [key, value])),
      count: item.count,
    })),
  );
}
