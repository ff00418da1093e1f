/**
 * Values stored under the contract's keys and streams (spec/redis-contract.md §3–4), with parsers
 * that return `undefined` for anything malformed: a reader never trusts Redis blindly.
 */

/** `ffproxy_config_status` (§3.12). */
export interface ConfigStatus {
  state: 'INITIALIZING' | 'SYNCED' | 'FAILED_TO_SYNC';
  /** When `state` last changed (ms). */
  since: number;
  /** End of the last successful full sync (ms), `null` until the first one. */
  lastSyncedAt: number | null;
  source: 'saas' | 'offline';
  /** Last failure in words, `""` after a success. */
  error: string;
}

/** SaaS stream connection state (§4.3). */
export type StreamState = 'INITIALIZING' | 'CONNECTED' | 'DISCONNECTED';

/** An `ffproxy_saas_stream_health` entry (§4.3). */
export interface HealthEntry {
  state: StreamState;
  since: number;
}

/** Events of `proxy:sse_events` (§4.2). */
export type ItemEventName = 'create' | 'patch' | 'delete';
export type ProxyEventName = 'environmentsAdded' | 'environmentsRemoved' | 'apiKeyAdded' | 'apiKeyRemoved' | 'proxyKeyDeleted';

/** A `flag` or `target-segment` entry of `proxy:sse_events`. */
export interface ItemChangeEvent {
  event: ItemEventName;
  domain: 'flag' | 'target-segment';
  identifier: string;
  version: number;
  environment: string;
  apiKey: '';
  envVersion: number;
}

/** A `proxy` entry of `proxy:sse_events`. */
export interface ProxyChangeEvent {
  event: ProxyEventName;
  domain: 'proxy';
  identifier: '';
  version: 0;
  environment: '';
  environments: string[];
  /** The SDK key hash for `apiKeyAdded`/`apiKeyRemoved`, else `""`. */
  apiKey: string;
}

/** One entry of `proxy:sse_events`. */
export type SseEvent = ItemChangeEvent | ProxyChangeEvent;

/** `key-<proxyKeyHash>-inventory` (§3.10). */
export interface Inventory {
  proxyKeyHash: string;
  updatedAt: number;
  /** Sorted ascending, no duplicates. */
  keys: string[];
}

/** `env-<envID>-meta` (§3.7): identifiers for the JWT claims. */
export interface EnvMeta {
  environmentID: string;
  environmentIdentifier?: string;
  projectIdentifier?: string;
  accountID?: string;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Serialises an {@link SseEvent} with the field order of §4.2. */
export function serializeSseEvent(event: SseEvent): string {
  if (event.domain === 'proxy') {
    const { event: name, domain, identifier, version, environment, environments, apiKey } = event;
    return JSON.stringify({ event: name, domain, identifier, version, environment, environments, apiKey });
  }
  const { event: name, domain, identifier, version, environment, apiKey, envVersion } = event;
  return JSON.stringify({ event: name, domain, identifier, version, environment, apiKey, envVersion });
}

const ITEM_EVENTS = new Set(['create', 'patch', 'delete']);
const PROXY_EVENTS = new Set(['environmentsAdded', 'environmentsRemoved', 'apiKeyAdded', 'apiKeyRemoved', 'proxyKeyDeleted']);

/** Parses a `proxy:sse_events` entry; `undefined` when it is not a valid event. */
export function parseSseEvent(text: string): SseEvent | undefined {
  const value = parseJson(text);
  if (!isObject(value) || typeof value['event'] !== 'string') return undefined;
  const { domain } = value;
  if (domain === 'flag' || domain === 'target-segment') {
    if (!ITEM_EVENTS.has(value['event']) || typeof value['identifier'] !== 'string' || value['identifier'] === '') return undefined;
    if (typeof value['environment'] !== 'string' || value['environment'] === '') return undefined;
    return {
      event: value['event'] as ItemEventName,
      domain,
      identifier: value['identifier'],
      version: isFiniteNumber(value['version']) ? value['version'] : 0,
      environment: value['environment'],
      apiKey: '',
      envVersion: isFiniteNumber(value['envVersion']) ? value['envVersion'] : 0,
    };
  }
  if (domain === 'proxy' && PROXY_EVENTS.has(value['event'])) {
    const environments = Array.isArray(value['environments'])
      ? value['environments'].filter((env): env is string => typeof env === 'string' && env !== '')
      : [];
    return {
      event: value['event'] as ProxyEventName,
      domain,
      identifier: '',
      version: 0,
      environment: '',
      environments,
      apiKey: typeof value['apiKey'] === 'string' ? value['apiKey'] : '',
    };
  }
  return undefined;
}

const CONFIG_STATES = new Set(['INITIALIZING', 'SYNCED', 'FAILED_TO_SYNC']);

/** Parses `ffproxy_config_status`; `undefined` when missing or malformed. */
export function parseConfigStatus(text: string | undefined): ConfigStatus | undefined {
  const value = parseJson(text);
  if (!isObject(value) || !CONFIG_STATES.has(value['state'] as string)) return undefined;
  return {
    state: value['state'] as ConfigStatus['state'],
    since: isFiniteNumber(value['since']) ? value['since'] : 0,
    lastSyncedAt: isFiniteNumber(value['lastSyncedAt']) ? value['lastSyncedAt'] : null,
    source: value['source'] === 'offline' ? 'offline' : 'saas',
    error: typeof value['error'] === 'string' ? value['error'] : '',
  };
}

const STREAM_STATES = new Set(['INITIALIZING', 'CONNECTED', 'DISCONNECTED']);

/** Parses an `ffproxy_saas_stream_health` entry. */
export function parseHealthEntry(text: string): HealthEntry | undefined {
  const value = parseJson(text);
  if (!isObject(value) || !STREAM_STATES.has(value['state'] as string) || !isFiniteNumber(value['since'])) return undefined;
  return { state: value['state'] as StreamState, since: value['since'] };
}

/** Parses an inventory; `undefined` when it is not `{proxyKeyHash,updatedAt,keys}` (e.g. a Go V2 map). */
export function parseInventory(text: string | undefined): Inventory | undefined {
  const value = parseJson(text);
  if (!isObject(value) || typeof value['proxyKeyHash'] !== 'string' || !isFiniteNumber(value['updatedAt'])) return undefined;
  const keys = value['keys'];
  if (!Array.isArray(keys) || !keys.every((key) => typeof key === 'string')) return undefined;
  return { proxyKeyHash: value['proxyKeyHash'], updatedAt: value['updatedAt'], keys: keys as string[] };
}

/** Parses `env-<envID>-meta`. */
export function parseEnvMeta(text: string | undefined): EnvMeta | undefined {
  const value = parseJson(text);
  if (!isObject(value) || typeof value['environmentID'] !== 'string') return undefined;
  const meta: EnvMeta = { environmentID: value['environmentID'] };
  for (const field of ['environmentIdentifier', 'projectIdentifier', 'accountID'] as const) {
    const inner = value[field];
    if (typeof inner === 'string' && inner !== '') meta[field] = inner;
  }
  return meta;
}

/**
 * Reads the value of `auth-key-<hash>` (§3.1): a JSON string literal, or bare bytes for values written
 * without quotes. `undefined` for a missing or empty value.
 */
export function parseAuthKeyValue(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  if (text.startsWith('"')) {
    const value = parseJson(text);
    return typeof value === 'string' && value !== '' ? value : undefined;
  }
  return text === '' ? undefined : text;
}
