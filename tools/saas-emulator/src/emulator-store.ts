import { InputError, NotFoundError } from '@relay/errors';
import type { FeatureConfig, SaasEvent, Segment } from '@relay/flag-model';
import { sha256hex } from '@relay/redis-contract';
import { ConflictError } from './conflict-error';
import type { EmulatorEnvironment, EmulatorState } from './emulator-state';
import { fillFeatureConfig } from './fill-feature-config';
import { fillSegment } from './fill-segment';
import { createItemActions, type Emission } from './item-actions';
import { createItemCatalog, type ItemCatalog } from './item-catalog';
import { createProxyKeyRegistry, type ProxyKeyRegistry } from './proxy-key-registry';

export type { Emission } from './item-actions';

interface EnvironmentRecord {
  environment: EmulatorEnvironment;
  flags: ItemCatalog<FeatureConfig>;
  segments: ItemCatalog<Segment>;
  sdkKeys: string[];
}

/**
 * The SaaS data of the emulator: environments, their flags, segments and SDK keys, and the proxy keys.
 * Mutations throw `InputError`, `NotFoundError` or {@link ConflictError} and return the events they cause.
 */
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
  /** Creates an environment (`environmentsAdded`); the same one again is a no-op, a different one a conflict. */
  putEnvironment(environment: EmulatorEnvironment): Emission[];
  /** Removes an environment with its items and SDK keys (`environmentsRemoved`); scopes keep naming it. */
  deleteEnvironment(id: string): Emission[];
  /** Creates or replaces a flag; `version` defaults to the next one (only seeds pass it). */
  putFlag(
    environmentId: string,
    feature: string,
    input: unknown,
    version?: number,
  ): { flag: FeatureConfig; emissions: Emission[] };
  deleteFlag(environmentId: string, feature: string): Emission[];
  /** Creates or replaces a segment; `version` defaults to the next one (only seeds pass it). */
  putSegment(
    environmentId: string,
    identifier: string,
    input: unknown,
    version?: number,
  ): { segment: Segment; emissions: Emission[] };
  deleteSegment(environmentId: string, identifier: string): Emission[];
  /** Registers a raw SDK key (`apiKeyAdded` with its hash); a key that exists anywhere is a conflict. */
  addSdkKey(environmentId: string, key: string): Emission[];
  removeSdkKey(environmentId: string, key: string): Emission[];
}

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

/** Creates an empty {@link EmulatorStore}; `now` (Unix epoch ms) ends rotation buffers. */
export function createEmulatorStore(now: () => number): EmulatorStore {
  const records = new Map<string, EnvironmentRecord>();
  const versions = new Map<string, number>(); // outlives deleted environments: versions are never reused
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
  const flags = createItemActions({
    domain: 'flag',
    fill: fillFeatureConfig,
    place: (id) => ({ ...record(id), catalog: record(id).flags }),
  });
  const segments = createItemActions({
    domain: 'target-segment',
    fill: fillSegment,
    place: (id) => ({ ...record(id), catalog: record(id).segments }),
  });
  const findSdkKey = (key: string) => [...records.values()].find((r) => r.sdkKeys.includes(key))?.environment;
  const keys = createProxyKeyRegistry(now);

  return {
    keys,
    version: () => stateVersion,
    environment: (id) => records.get(id)?.environment,
    visibleEnvironments: (proxyKey) =>
      [...records.values()].map((r) => r.environment).filter(({ id }) => keys.scope(proxyKey).includes(id)),
    flags: (id, stale = false) => (stale ? record(id).flags.staleList() : record(id).flags.list()),
    segments: (id, stale = false) => (stale ? record(id).segments.staleList() : record(id).segments.list()),
    sdkKeyHashes: (id) => record(id).sdkKeys.map(sha256hex),
    findSdkKey,
    snapshot: () => snapshotOf([...records.values()], keys),
    putEnvironment(environment) {
      const existing = records.get(environment.id)?.environment;
      if (existing !== undefined) {
        if (existing.identifier === environment.identifier && existing.project === environment.project) return [];
        throw new ConflictError(`environment ${environment.id} exists with another identifier or project`);
      }
      const scope = `\u0000${environment.id}\u0000`;
      const catalogs = {
        flags: createItemCatalog<FeatureConfig>(versions, `flag${scope}`),
        segments: createItemCatalog<Segment>(versions, `segment${scope}`),
      };
      records.set(environment.id, { environment: { ...environment }, ...catalogs, sdkKeys: [] });
      return changed([
        {
          event: { event: 'environmentsAdded', domain: 'proxy', environments: [environment.id] },
          environment: environment.id,
        },
      ]);
    },
    deleteEnvironment(id) {
      record(id);
      records.delete(id);
      return changed([
        { event: { event: 'environmentsRemoved', domain: 'proxy', environments: [id] }, environment: id },
      ]);
    },
    putFlag(id, feature, input, version) {
      const { item, emissions } = flags.put(id, feature, input, version);
      return changed({ flag: item, emissions });
    },
    deleteFlag: (id, feature) => changed(flags.delete(id, feature)),
    putSegment(id, identifier, input, version) {
      const { item, emissions } = segments.put(id, identifier, input, version);
      return changed({ segment: item, emissions });
    },
    deleteSegment: (id, identifier) => changed(segments.delete(id, identifier)),
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
}

function snapshotOf(records: EnvironmentRecord[], keys: ProxyKeyRegistry): EmulatorState {
  const perEnvironment = <T>(pick: (r: EnvironmentRecord) => T) =>
    Object.fromEntries(records.map((r) => [r.environment.id, pick(r)]));
  return {
    environments: records.map((r) => ({ ...r.environment })),
    proxyKeys: keys.list(),
    sdkKeys: perEnvironment((r) => [...r.sdkKeys]),
    flags: perEnvironment((r) => r.flags.list()),
    segments: perEnvironment((r) => r.segments.list()),
  };
}
