import type { FeatureConfig, Segment } from '@relay/flag-model';
import type { ActiveFault, EmulatorFault } from './emulator-fault';
import type { EmulatorEnvironment, EmulatorProxyKey, EmulatorState, FlagInput, SegmentInput } from './emulator-state';
import type { RecordedRequest, RequestFilter } from './recorded-request';

/**
 * A typed client of the emulator's `/admin` HTTP API (spec/saas-api.md §10.11, §10.12), the same for an
 * in-process and an out-of-process emulator. Every method rejects with an `Error` carrying the status and
 * the `error` message when the emulator answers 4xx/5xx. Mutations send their stream events before they
 * resolve.
 */
export interface SaasEmulatorAdmin {
  /** `POST /admin/reset`: replaces all state, no events (absent = empty). */
  reset(state?: EmulatorState): Promise<void>;
  /** `GET /admin/state`: the current state, in the shape `reset` takes. */
  state(): Promise<EmulatorState>;
  /** `PUT /admin/environments/{id}`: creates it; `environmentsAdded` to keys covering it. */
  putEnvironment(environment: EmulatorEnvironment): Promise<EmulatorEnvironment>;
  /** `DELETE /admin/environments/{id}`: `environmentsRemoved` to keys covering it. */
  deleteEnvironment(environmentId: string): Promise<void>;
  /** `PUT …/flags/{feature}`: creates or replaces it at the next version; `create` or `patch`. Resolves to the flag as served. */
  putFlag(environmentId: string, flag: FlagInput & { feature: string }): Promise<FeatureConfig>;
  /** `DELETE …/flags/{feature}`: `delete`. */
  deleteFlag(environmentId: string, feature: string): Promise<void>;
  /** `PUT …/segments/{identifier}`: creates or replaces it; `create` or `patch` (domain `target-segment`). */
  putSegment(environmentId: string, segment: SegmentInput & { identifier: string }): Promise<Segment>;
  /** `DELETE …/segments/{identifier}`: `delete`. */
  deleteSegment(environmentId: string, identifier: string): Promise<void>;
  /** `POST …/sdk-keys`: `apiKeyAdded` with the hash; resolves to the SHA-256 hex of `key`. */
  addSdkKey(environmentId: string, key: string): Promise<string>;
  /** `DELETE …/sdk-keys/{key}`: `apiKeyRemoved` with the hash. */
  removeSdkKey(environmentId: string, key: string): Promise<void>;
  /** `PUT /admin/proxy-keys/{key}`: creates or rescopes; `environmentsAdded`/`environmentsRemoved` for the difference. */
  putProxyKey(key: string, environments: string[]): Promise<EmulatorProxyKey>;
  /** `POST …/rotate`: `newKey` valid at once; `key` valid `bufferSeconds` more (default 0 = revoked now, its streams end). */
  rotateProxyKey(key: string, newKey: string, bufferSeconds?: number): Promise<EmulatorProxyKey>;
  /** `DELETE /admin/proxy-keys/{key}`: `proxyKeyDeleted` to its streams, which then end. */
  deleteProxyKey(key: string): Promise<void>;
  /** `POST /admin/stream/events`: sends `event` (any JSON) to the streams of `key` (default: all); resolves to how many got it. */
  sendEvent(event: unknown, key?: string): Promise<number>;
  /** Like {@link sendEvent} with `data` written verbatim as the frame's data (e.g. text that is not JSON). */
  sendData(data: string, key?: string): Promise<number>;
  /** `GET /admin/streams`: open account streams, of `key` when given. */
  streamCount(key?: string): Promise<number>;
  /** `GET /admin/requests`: recorded SaaS requests, oldest first. */
  requests(filter?: RequestFilter): Promise<RecordedRequest[]>;
  /** `DELETE /admin/requests`. */
  clearRequests(): Promise<void>;
  /** `POST /admin/faults`: adds a fault; resolves to how many open streams it hit at once. */
  setFault(fault: EmulatorFault): Promise<number>;
  /** `GET /admin/faults`: the faults in force. */
  faults(): Promise<ActiveFault[]>;
  /** `DELETE /admin/faults`. */
  clearFaults(): Promise<void>;
}

/** Creates a {@link SaasEmulatorAdmin} for the emulator at `baseUrl` (e.g. `http://127.0.0.1:3001`), built on `fetch`. */
export function createSaasEmulatorAdmin(baseUrl: string): SaasEmulatorAdmin {
  const root = baseUrl.replace(/\/+$/, '');
  const e = encodeURIComponent;
  const env = (id: string) => `/admin/environments/${e(id)}`;
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${root}${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const parsed: unknown = text === '' ? undefined : JSON.parse(text);
    if (!response.ok) {
      const message = (parsed as { error?: string } | undefined)?.error ?? text;
      throw new Error(`SaaS emulator ${method} ${path} answered ${response.status}: ${message}`);
    }
    return parsed as T;
  }

  return {
    reset: (state = {}) => call('POST', '/admin/reset', state),
    state: () => call('GET', '/admin/state'),
    putEnvironment: ({ id, identifier, project }) => call('PUT', env(id), { identifier, project }),
    deleteEnvironment: (id) => call('DELETE', env(id)),
    putFlag: (id, flag) => call('PUT', `${env(id)}/flags/${e(flag.feature)}`, flag),
    deleteFlag: (id, feature) => call('DELETE', `${env(id)}/flags/${e(feature)}`),
    putSegment: (id, segment) => call('PUT', `${env(id)}/segments/${e(segment.identifier)}`, segment),
    deleteSegment: (id, identifier) => call('DELETE', `${env(id)}/segments/${e(identifier)}`),
    addSdkKey: async (id, key) => (await call<{ apiKey: string }>('POST', `${env(id)}/sdk-keys`, { key })).apiKey,
    removeSdkKey: (id, key) => call('DELETE', `${env(id)}/sdk-keys/${e(key)}`),
    putProxyKey: (key, environments) => call('PUT', `/admin/proxy-keys/${e(key)}`, { environments }),
    rotateProxyKey: (key, newKey, bufferSeconds = 0) =>
      call('POST', `/admin/proxy-keys/${e(key)}/rotate`, { newKey, bufferSeconds }),
    deleteProxyKey: (key) => call('DELETE', `/admin/proxy-keys/${e(key)}`),
    sendEvent: async (event, key) =>
      (await call<{ delivered: number }>('POST', '/admin/stream/events', { key, event })).delivered,
    sendData: async (data, key) =>
      (await call<{ delivered: number }>('POST', '/admin/stream/events', { key, data })).delivered,
    async streamCount(key) {
      const { total, byKey } = await call<{ total: number; byKey: Record<string, number> }>('GET', '/admin/streams');
      return key === undefined ? total : (byKey[key] ?? 0);
    },
    requests: (filter = {}) => {
      const query = new URLSearchParams(
        Object.entries(filter).filter((entry): entry is [string, string] => entry[1] !== undefined),
      );
      return call('GET', `/admin/requests${query.size > 0 ? `?${query}` : ''}`);
    },
    clearRequests: () => call('DELETE', '/admin/requests'),
    setFault: async (fault) =>
      (await call<{ appliedToOpenStreams: number }>('POST', '/admin/faults', fault)).appliedToOpenStreams,
    faults: () => call('GET', '/admin/faults'),
    clearFaults: () => call('DELETE', '/admin/faults'),
  };
}
