import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { REPO_ROOT } from './deploy-paths';

/** What the image copies from `dist/apps/<app>` (deploy/docker/service.Dockerfile). */
const IMAGE_FILES = ['main.js', 'main.js.map', 'package.json', 'package-lock.json'];

/** A `node_modules` directory in `dir` or above it, which would hide a missing dependency. */
function ancestorNodeModules(dir: string): string | undefined {
  for (let current = dir; ; current = dirname(current)) {
    if (existsSync(join(current, 'node_modules'))) return join(current, 'node_modules');
    if (dirname(current) === current) return undefined;
  }
}

function run(command: string, args: string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const output: string[] = [];
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, NODE_PATH: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited ${code}:\n${output.join('')}`)),
    );
  });
}

/**
 * Copies the build output of `app` into an empty temporary directory outside the repository and
 * installs its production dependencies from the generated lock file, exactly as the image does
 * (`npm ci --omit=dev`). Returns the directory; the caller removes it.
 */
export async function installBuiltApp(app: string): Promise<string> {
  const dist = join(REPO_ROOT, 'dist/apps', app);
  for (const file of IMAGE_FILES) {
    if (!existsSync(join(dist, file))) throw new Error(`${join(dist, file)} is missing: run 'npx nx run ${app}:build'`);
  }
  const dir = mkdtempSync(join(tmpdir(), `relay-image-${app}-`));
  const outside = ancestorNodeModules(dirname(dir));
  if (outside) throw new Error(`${outside} exists above ${dir}: it would hide a missing runtime dependency`);
  for (const file of IMAGE_FILES) copyFileSync(join(dist, file), join(dir, file));
  await run('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund', '--loglevel=error'], dir);
  return dir;
}

/** A built app running from its install directory. */
export interface RunningApp {
  child: ChildProcess;
  /** stdout and stderr lines, for failure messages. */
  output: string[];
  /** Resolves with the exit code or signal name. */
  exited: Promise<number | string>;
}

/** Starts `node --enable-source-maps main.js` in `dir` (the image's command) with exactly `env`. */
export function startInstalledApp(dir: string, env: Record<string, string>): RunningApp {
  const child = spawn(process.execPath, ['--enable-source-maps', 'main.js'], {
    cwd: dir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => output.push(line));
  createInterface({ input: child.stderr! }).on('line', (line) => output.push(line));
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  );
  return { child, output, exited };
}

/** A TCP port that was free a moment ago (the apps take PORT from the environment). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Removes an install directory. */
export function removeInstall(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
