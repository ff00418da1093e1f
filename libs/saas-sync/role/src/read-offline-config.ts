import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { normalizeFeatureConfigs, normalizeSegments, type ProxyEnvironment } from '@relay/flag-model';

/** The files of one environment directory (spec/configuration.md §7.1). */
export const OFFLINE_FILES = ['auth_config.json', 'feature_config.json', 'segments.json', 'targets.json'] as const;

/** One environment read from `CONFIG_DIR`. */
export interface OfflineEnvironment {
  env: ProxyEnvironment;
  /** Targets as written in `targets.json` (items with a non-empty string `identifier`). */
  targets: { identifier: string; value: unknown }[];
}

/** What {@link readOfflineConfig} found: the environments and the directory's content hash. */
export interface OfflineConfig {
  environments: OfflineEnvironment[];
  /** SHA-256 over the `env-*` names and the relative path and bytes of every file read, in path order. */
  hash: string;
}

/** A file or directory of `CONFIG_DIR` that cannot be used; the message names it. */
export class OfflineConfigError extends Error {}

async function environmentDirs(configDir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(configDir);
  } catch (error) {
    throw new OfflineConfigError(`CONFIG_DIR ${configDir} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const dirs: string[] = [];
  for (const name of names.filter((n) => n.startsWith('env-') && n.length > 4).sort()) {
    if ((await stat(join(configDir, name)).catch(() => undefined))?.isDirectory()) dirs.push(name);
  }
  return dirs;
}

async function readArray(path: string, label: string, hash: ReturnType<typeof createHash>): Promise<unknown[]> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new OfflineConfigError(`${label} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  hash.update(`${label}\0`).update(bytes).update('\0');
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new OfflineConfigError(`${label} is not valid JSON`);
  }
  if (!Array.isArray(value)) throw new OfflineConfigError(`${label} is not a JSON array`);
  return value;
}

async function readEnvironment(configDir: string, dir: string, hash: ReturnType<typeof createHash>): Promise<OfflineEnvironment> {
  const files: Record<string, unknown[]> = {};
  for (const file of OFFLINE_FILES) files[file] = await readArray(join(configDir, dir, file), `${dir}/${file}`, hash);
  const apiKeys = files['auth_config.json'] as unknown[];
  for (const key of apiKeys) {
    if (typeof key !== 'string' || !/^[0-9a-f]{64}$/.test(key)) throw new OfflineConfigError(`${dir}/auth_config.json has an item that is not a SHA-256 hex hash`);
  }
  const skipped: string[] = [];
  const id = dir.slice('env-'.length);
  return {
    env: {
      id,
      apiKeys: apiKeys as string[],
      featureConfigs: normalizeFeatureConfigs(files['feature_config.json'], skipped, dir),
      segments: normalizeSegments(files['segments.json'], skipped, dir),
    },
    targets: (files['targets.json'] as unknown[]).flatMap((value) => {
      const identifier = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)['identifier'] : undefined;
      return typeof identifier === 'string' && identifier !== '' ? [{ identifier, value }] : [];
    }),
  };
}

/**
 * Reads `CONFIG_DIR` (spec/configuration.md §7.1): every direct `env-<envID>` directory and its four
 * JSON files (a missing file is `[]`). A missing directory, invalid JSON, a non-array file or an
 * `auth_config.json` item that is not 64 lowercase hex characters is an {@link OfflineConfigError}.
 */
export async function readOfflineConfig(configDir: string): Promise<OfflineConfig> {
  const hash = createHash('sha256');
  const environments: OfflineEnvironment[] = [];
  for (const dir of await environmentDirs(configDir)) {
    hash.update(`${dir}\0`);
    environments.push(await readEnvironment(configDir, dir, hash));
  }
  return { environments, hash: hash.digest('hex') };
}
