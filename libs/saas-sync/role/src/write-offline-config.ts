import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ProxyEnvironment } from '@relay/flag-model';

/** One environment to write, with the targets known for it. */
export interface OfflineExport {
  env: ProxyEnvironment;
  targets: unknown[];
}

const pretty = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
const two = (n: number) => String(n).padStart(2, '0');

function readme(item: OfflineExport, now: Date): string {
  const envName = item.env.featureConfigs[0]?.environment ?? '';
  const at = `${now.getUTCFullYear()}-${two(now.getUTCMonth() + 1)}-${two(now.getUTCDate())} ${two(now.getUTCHours())}:${two(now.getUTCMinutes())}:${two(now.getUTCSeconds())}`;
  return [
    `# Env-${item.env.id}`, '', `Env name: ${envName}`, '', `Number of Features: ${item.env.featureConfigs.length}`, '',
    `Number of Targets: ${item.targets.length}`, '', `Number of Segments: ${item.env.segments.length}`, '', `Generated at: ${at}`, '',
  ].join('\n');
}

async function writeFileMode(path: string, content: string): Promise<void> {
  await writeFile(path, content, { mode: 0o644 });
  await chmod(path, 0o644);
}

/**
 * Writes `CONFIG_DIR` for offline mode (spec/configuration.md §7.2): each environment is written into a
 * temporary directory, then swapped in by rename; directories of environments no longer present are
 * removed. A failure never leaves a half-written `env-*` directory in place.
 */
export async function writeOfflineConfig(configDir: string, exports: readonly OfflineExport[], now: Date): Promise<void> {
  await mkdir(configDir, { recursive: true, mode: 0o755 });
  const tmp = join(configDir, `.tmp-${randomBytes(4).toString('hex')}`);
  try {
    for (const item of exports) {
      const dir = join(tmp, `env-${item.env.id}`);
      await mkdir(dir, { recursive: true, mode: 0o755 });
      await writeFileMode(join(dir, 'feature_config.json'), pretty(item.env.featureConfigs));
      await writeFileMode(join(dir, 'segments.json'), pretty(item.env.segments));
      await writeFileMode(join(dir, 'targets.json'), pretty(item.targets));
      await writeFileMode(join(dir, 'auth_config.json'), pretty(item.env.apiKeys));
      await writeFileMode(join(dir, 'README.md'), readme(item, now));
    }
    for (const item of exports) {
      const target = join(configDir, `env-${item.env.id}`);
      const old = `${tmp}-old-${item.env.id}`;
      await rename(target, old).catch(() => undefined);
      await rename(join(tmp, `env-${item.env.id}`), target);
      await rm(old, { recursive: true, force: true });
    }
    const keep = new Set(exports.map((item) => `env-${item.env.id}`));
    for (const name of await readdir(configDir)) {
      if (name.startsWith('env-') && !keep.has(name)) await rm(join(configDir, name), { recursive: true, force: true });
    }
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
