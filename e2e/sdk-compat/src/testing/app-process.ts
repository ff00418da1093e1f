import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** One built app (`dist/apps/<app>/main.js`, or `dist/tools/dev-router/main.js`) running as a child process. */
export interface AppProcess {
  app: string;
  child: ChildProcess;
  /** The HTTP port it bound (it starts with `PORT=0`). */
  port: number;
  /** Its output lines, parsed as JSON where possible, oldest first (for failure messages). */
  lines: Record<string, unknown>[];
  /** Sends `signal` (default SIGTERM) and resolves once it exited; SIGKILL after 5 s. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

const DIST = join(__dirname, '../../../../dist');

/** The port a startup line announces: the services' `http server listening`, the dev router's `dev router listening`. */
function listeningPort(line: Record<string, unknown>): number | undefined {
  if (line['msg'] === 'http server listening' && typeof line['port'] === 'number') return line['port'];
  if (line['msg'] === 'dev router listening' && typeof line['baseUrl'] === 'string') return Number(new URL(line['baseUrl']).port);
  return undefined;
}

function parse(text: string): Record<string, unknown> {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return { msg: text };
  }
}

function waitForExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * Starts the built `app` with exactly `env` (nothing inherited) and resolves once its listening line names
 * the port; rejects with its output when it exits or is silent for 20 s.
 */
export async function spawnApp(app: string, env: Record<string, string>): Promise<AppProcess> {
  const main = join(DIST, app === 'dev-router' ? 'tools' : 'apps', app, 'main.js');
  if (!existsSync(main)) throw new Error(`${main} is missing: run \`npx nx run ${app}:build\` (the e2e target depends on it)`);
  const child = spawn(process.execPath, [main], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: Record<string, unknown>[] = [];
  createInterface({ input: child.stderr! }).on('line', (text) => lines.push({ stderr: text }));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => fail('no listening line within 20 s'), 20_000);
    const onExit = (code: number | null, signal: string | null) => fail(`exited (${code ?? signal}) before listening`);
    const fail = (why: string) => {
      clearTimeout(timer);
      child.off('exit', onExit);
      child.kill('SIGKILL');
      reject(new Error(`${app} ${why}: ${JSON.stringify(lines.slice(-5))}`));
    };
    createInterface({ input: child.stdout! }).on('line', (text) => {
      const line = parse(text);
      lines.push(line);
      const port = listeningPort(line);
      if (port !== undefined) {
        clearTimeout(timer);
        child.off('exit', onExit);
        resolve(port);
      }
    });
    child.once('exit', onExit);
  });
  return {
    app,
    child,
    port,
    lines,
    async stop(signal = 'SIGTERM') {
      const exited = waitForExit(child);
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
