// Child processes of the local run scripts (run-demo.mjs, run-split.mjs): started with `node`, their stderr
// shown with a name prefix (stdout too with DEMO_VERBOSE=1); when one exits unexpectedly or on Ctrl-C every
// one is stopped with SIGTERM.
import { spawn } from 'node:child_process';

/** Starts an empty group rooted at `cwd`; `stop(code)` ends every child, then the process. */
export function createProcessGroup(cwd) {
  const children = [];
  let stopping = false;
  const stop = (code = 0) => {
    stopping = true;
    for (const child of children) child.kill('SIGTERM');
    setTimeout(() => process.exit(code), 500).unref();
  };
  process.on('SIGINT', () => stop(0));
  process.on('SIGTERM', () => stop(0));
  const start = (name, args, env) => {
    const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk) => process.env.DEMO_VERBOSE && process.stdout.write(`[${name}] ${chunk}`));
    child.stderr.on('data', (chunk) => process.stderr.write(`[${name}] ${chunk}`));
    child.on('exit', (code) => {
      if (stopping) return;
      console.error(`${name} exited with code ${code}; stopping (DEMO_VERBOSE=1 shows its logs)`);
      stop(1);
    });
    children.push(child);
  };
  return { start, stop };
}

/** Resolves once `url` answers 2xx; rejects after `timeoutMs`. */
export async function waitReady(url, timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not become ready within ${timeoutMs} ms`);
}
