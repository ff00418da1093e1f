import { InputError, NotFoundError } from '@relay/errors';
import type { FeatureConfig, SaasEvent, Segment } from '@relay/flag-model';
import { sha256hex } from '@relay/redis-contract';
import { ConflictError } from './conflict-error';
import type { EmulatorEnvironment, EmulatorState } from './emulator-state';
import { fillFeatureConfig } from './fill-feature-config';
import { fillSegment } from './fill-segment';
import { createItemCatalog, type ItemCatalog } from './item-catalog';
import { createProxyKeyRegistry, type ProxyKeyRegistry } from './proxy-key-registry';

/** An event and who receives it: the streams of every key covering `environment`, or of one `proxyKey`. */
export type Emission = { event: SaasEvent; environment: string } | { event: SaasEvent; proxyKey: string };

interface EnvironmentRecord {
  environment: EmulatorEnvironment;
  flags: ItemCatalog<FeatureConfig>;
  segments: ItemCatalog<Segment>;
  sdkKeys: string[];
}

/** The SaaS data of the emulator: environments, their flags, segments and SDK keys, and the proxy keys. */
export interface EmulatorStore {
  readonly keys: ProxyKeyRegistry;
  /** Increases on every change (the `/proxy/config` `version`). */
  version(): number;
  environment(id: string): EmulatorEnvironment | undefined;
  /** The existing environments `proxyKey` covers, in creation order (spec/saas-api.md §10.7). */
  visibleEnvironments(proxyKey: string): EmulatorEnvironment[];
  flags(environmentId: string, stale?: boolean): FeatureConfig[];
  segments(environmentId: string, stale?: boolean): Segment[];
  /** SHA-256 hex of the environment's SDK keys (spec/saas-api.md §10.5). */
  sdkKeyHashes(environmentId: string): string[];
  /** The environment a raw SDK key belongs to. */
  findSdkKey(key: string): EmulatorEnvironment | undefined;
  /** The whole state, in the shape `POST /admin/reset` takes. */
  snapshot(): EmulatorState;
  putEnvironment(environment: EmulatorEnvironment): Emission[];
  deleteEnvironment(id: string): Emission[];
  /** Creates or replaces a flag; `version` defaults to the next one (only seeds pass it). */
  putFlag(environmentId: string, feature: string, input: unknown, version?: number): { flag: FeatureConfig; emissions: Emission[] };
  deleteFlag(environmentId: string, feature: string): Emission[];
  /** Creates or replaces a segment; `version` defaults to the next one (only seeds pass it). */
  putSegment(
    environmentId: string,
    identifier: string,
    input: unknown,
    version?: number,
  ): { segment: Segment; emissions: Emission[] };
  deleteSegment(environmentId: string, identifier: string): Emission[];
  addSdkKey(environmentId: string, key: string): Emission[];
  removeSdkKey(environmentId: string, key: string): Emission[];
}

const itemEvent = (event: string, domain: string, identifier: string, version: number, environment: string): SaasEvent => ({
  event,
  domain,
  identifier,
  version,
  environment,
});
// Key events carry every field, empty where unused, as SaaS sends them (spec/saas-api.md §5.5 example).
const keyEvent = (event: string, environment: string, key: string): SaasEvent => ({
  event,
  domain: 'proxy',
  identifier: '',
  version: 0,
  environment: '',
  environments: [environment],
  apiKey: sha256hex(key),
});

/**
 * Creates an empty {@link EmulatorStore}; `now` (Unix epoch ms) ends rotation buffers. Mutations throw
 * `InputError`, `NotFoundError` or {@link ConflictError} and return the events they cause.
 */
export function createEmulatorStore(now: () => number): EmulatorStore {
  const records = new Map<string, EnvironmentRecord>();
  const versions = new Map<string, number>();
  const keys = createProxyKeyRegistry(now);
  let stateVersion = 1;
  const changed = <T>(result: T): T => {
    stateVersion += 1;
    return result;
  };
  const record = (id: string) => {
    const found = records.get(id);
    if (found === undefined) throw new NotFoundError(`environment ${id} not found`);
    return found;
  };
  const newRecord = (environment: EmulatorEnvironment): EnvironmentRecord => ({
    environment: { ...environment },
    flags: createItemCatalog(versions, `flag\u0000${environment.id}`),
    segments: createItemCatalog(versions, `segment\u0000${environment.id}`),
    sdkKeys: [],
  });
  const findSdkKey = (key: string) => [...records.values()].find((r) => r.sdkKeys.includes(key))?.environment;

  const store: EmulatorStore = {
    keys,
    version: () => stateVersion,
    environment: (id) => records.get(id)?.environment,
    visibleEnvironments(proxyKey) {
      const scope = keys.scope(proxyKey);
      return [...records.values()].filter((r) => scope.includes(r.environment.id)).map((r) => r.environment);
    },
    flags: (id, stale = false) => (stale ? record(id).flags.staleList() : record(id).flags.list()),
    segments: (id, stale = false) => (stale ? record(id).segments.staleList() : record(id).segments.list()),
    sdkKeyHashes: (id) => record(id).sdkKeys.map(sha256hex),
    findSdkKey,
    snapshot() {
      const perEnvironment = <T>(pick: (r: EnvironmentRecord) => T) =>
        Object.fromEntries([...records.values()].map((r) => [r.environment.id, pick(r)]));
      return {
        environments: [...records.values()].map((r) => ({ ...r.environment })),
        proxyKeys: keys.list(),
        sdkKeys: perEnvironment((r) => [...r.sdkKeys]),
        flags: perEnvironment((r) => r.flags.list()),
        segments: perEnvironment((r) => r.segments.list()),
      };
    },
    putEnvironment(environment) {
      const existing = records.get(environment.id)?.environment;
      if (existing !== undefined) {
        if (existing.identifier === environment.identifier && existing.project === environment.project) return [];
        throw new ConflictError(`environment ${environment.id} exists with another identifier or project`);
      }
      records.set(environment.id, newRecord(environment));
      const event = { event: 'environmentsAdded', domain: 'proxy', environments: [environment.id] };
      return changed([{ event, environment: environment.id }]);
    },
    deleteEnvironment(id) {
      record(id);
      records.delete(id);
      return changed([{ event: { event: 'environmentsRemoved', domain: 'proxy', environments: [id] }, environment: id }]);
    },
    putFlag(id, feature, input, version) {
      const { environment, flags } = record(id);
      const flag = fillFeatureConfig(input, environment, feature, version ?? flags.nextVersion(feature));
      const kind = flags.put(feature, flag, flag.version!);
      return changed({ flag, emissions: [{ event: itemEvent(kind, 'flag', feature, flag.version!, id), environment: id }] });
    },
    deleteFlag(id, feature) {
      const version = record(id).flags.delete(feature);
      if (version === undefined) throw new NotFoundError(`flag ${feature} not found`);
      return changed([{ event: itemEvent('delete', 'flag', feature, version, id), environment: id }]);
    },
    putSegment(id, identifier, input, version) {
      const { environment, segments } = record(id);
      const segment = fillSegment(input, environment, identifier, version ?? segments.nextVersion(identifier));
      const kind = segments.put(identifier, segment, segment.version!);
      const event = itemEvent(kind, 'target-segment', identifier, segment.version!, id);
      return changed({ segment, emissions: [{ event, environment: id }] });
    },
    deleteSegment(id, identifier) {
      const version = record(id).segments.delete(identifier);
      if (version === undefined) throw new NotFoundError(`segment ${identifier} not found`);
      return changed([{ event: itemEvent('delete', 'target-segment', identifier, version, id), environment: id }]);
    },
    addSdkKey(id, key) {
      const target = record(id);
      if (key === '') throw new InputError('key must be a non-empty string');
      if (findSdkKey(key) !== undefined) throw new ConflictError('SDK key already exists');
      target.sdkKeys.push(key);
      return changed([{ event: keyEvent('apiKeyAdded', id, key), environment: id }]);
    },
    removeSdkKey(id, key) {
      const target = record(id);
      if (!target.sdkKeys.includes(key)) throw new NotFoundError('SDK key not found');
      target.sdkKeys = target.sdkKeys.filter((k) => k !== key);
      return changed([{ event: keyEvent('apiKeyRemoved', id, key), environment: id }]);
    },
  };
  return store;
}
