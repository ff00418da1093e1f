import type { FeatureConfig, Segment } from '@relay/flag-model';

/** An environment as the emulator holds it (spec/saas-api.md §10.11). */
export interface EmulatorEnvironment {
  /** The environment UUID (`/proxy/config` `environments[].id`, the `{env}` of every path). */
  id: string;
  /** The environment identifier, e.g. `dev`: the `environment` field of its flags and segments. */
  identifier: string;
  /** The project identifier: the `project` field of its flags. */
  project: string;
}

/** A proxy key and the environments it may read (its scope). */
export interface EmulatorProxyKey {
  /** The raw proxy key, as the proxy sends it in `/proxy/auth`. */
  key: string;
  /**
   * Environment ids the key covers. Ids of environments that do not exist (yet) are allowed: they
   * become visible, with an `environmentsAdded` event, when the environment is created.
   */
  environments: string[];
  /**
   * Unix epoch ms after which the key is rejected: set on the old key of a rotation with a buffer.
   * Absent = valid until deleted.
   */
  expiresAt?: number;
}

/**
 * A flag as the admin API accepts it: a FeatureConfig whose `version`, `environment` (identifier) and
 * `project` may be omitted; the emulator fills them from the environment. `feature` may be omitted where
 * the path names it.
 */
export type FlagInput = Omit<FeatureConfig, 'version' | 'environment' | 'project' | 'feature'> &
  Partial<Pick<FeatureConfig, 'version' | 'environment' | 'project' | 'feature'>>;

/** A segment as the admin API accepts it: `version`, `environment` and `name` may be omitted. */
export type SegmentInput = Omit<Segment, 'version' | 'environment' | 'name' | 'identifier'> &
  Partial<Pick<Segment, 'version' | 'environment' | 'name' | 'identifier'>>;

/**
 * The whole emulator state: the body of `POST /admin/reset`, the `state` option of
 * `startSaasEmulator` and the answer of `GET /admin/state`. Every field is optional (absent = empty).
 * Per-environment collections are keyed by environment id; each key must name an environment of
 * `environments`. Flags and segments without `version` start at 1.
 */
export interface EmulatorState {
  environments?: EmulatorEnvironment[];
  proxyKeys?: EmulatorProxyKey[];
  /** Raw SDK keys per environment id (served hashed, spec/saas-api.md §10.5). */
  sdkKeys?: Record<string, string[]>;
  /** Flags per environment id, in the order SaaS lists them. */
  flags?: Record<string, FlagInput[]>;
  /** Segments per environment id, in the order SaaS lists them. */
  segments?: Record<string, SegmentInput[]>;
}
