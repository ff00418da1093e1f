import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** The built app (`nx run metrics-forwarder:build`; the int-test target depends on it). */
export const MAIN = join(__dirname, '../../../../dist/apps/metrics-forwarder/main.js');

/** The built app running in a child process, with its JSON log lines. */
export interface ForwarderProcess {
  child: ChildProcess;
  /** Every stdout line parsed as JSON, oldest first. */
  lines: Record<string, unknown>[];
  /** Resolves with the first line whose `msg` is `msg`, waiting up to `ms`. */
  waitForLine(msg: string, ms?: number): Promise<Record<string, unknown>>;
  /** Resolves with the exit code (or the signal name) once the process has ended. */
  exited: Promise<number | string>;
}

/** Starts `node dist/apps/metrics-forwarder/main.js` with exactly the variables `env` (nothing inherited). */
export function spawnForwarder(env: Record<string, string>): ForwarderProcess {
  const child = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  const lines: Record<string, unknown>[] = [];
  const listeners = new Set<() => void>();
  createInterface({ input: child.stdout! }).on('line', (text) => {
    try {
      lines.push(JSON.parse(text) as Record<string, unknown>);
    } catch {
      lines.push({ msg: text });
    }
    listeners.forEach((listener) => listener());
  });
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  );
  return {
    child,
    lines,
    exited,
    waitForLine(msg, ms = 15_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const line = lines.find((candidate) => candidate['msg'] === msg);
          if (!line) return;
          cleanUp();
          resolve(line);
        };
        const timer = setTimeout(() => {
          cleanUp();
          reject(new Error(`no '${msg}' line within ${ms} ms; got ${lines.map((l) => l['msg']).join(', ')}`));
        }, ms);
        const cleanUp = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        check();
      });
    },
  };
}
