// Spawning and stopping private redis-server processes for tests. Plain CommonJS so that Jest global
// setup can load it without a transform; typed by redis-process.d.ts.
'use strict';

const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const INSTALL_HINT =
  'The integration tests start private Redis servers (Redis >= 7.0) and need `redis-server` on PATH. ' +
  'Install it with `sudo apt-get install redis-server` (Debian/Ubuntu) or `brew install redis` (macOS).';

/** Throws a clear error when `redis-server` is missing or older than 7.0 (spec/redis-contract.md §1.4). */
function assertRedisServerInstalled() {
  let output;
  try {
    output = execFileSync('redis-server', ['--version'], { encoding: 'utf8' });
  } catch (error) {
    throw new Error(`redis-server was not found (${error.code ?? error.message}). ${INSTALL_HINT}`);
  }
  const match = /v=(\d+)\.(\d+)/.exec(output);
  if (!match || Number(match[1]) < 7) throw new Error(`redis-server is too old (${output.trim()}). ${INSTALL_HINT}`);
}

/** A TCP port that was free a moment ago on 127.0.0.1 (never 6379). */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => (port === 6379 ? freePort().then(resolve, reject) : resolve(port)));
    });
  });
}

function pidFile(dir, port) {
  return path.join(dir, `redis-${port}.pid`);
}

function waitForExit(child, timeoutMs) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
    }, timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/**
 * Starts `redis-server` on 127.0.0.1:`port` with data in `dir` (no persistence) plus `args`, and
 * resolves once it accepts connections. The pid is recorded in `dir` so that teardown and the
 * watchdog can kill it even if the test process dies. Rejects with `addressInUse: true` when the
 * port was taken meanwhile, so that callers retry with other ports.
 */
function startRedisProcess({ dir, port, args = [] }) {
  const argv = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
  argv.push('--dir', dir, '--logfile', '', '--daemonize', 'no', ...args);
  const child = spawn('redis-server', argv, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  fs.writeFileSync(pidFile(dir, port), String(child.pid));
  return new Promise((resolve, reject) => {
    let output = '';
    const onOutput = (chunk) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        child.removeListener('exit', onEarlyExit);
        output = '';
        child.stdout.removeListener('data', onOutput);
        child.stdout.resume();
        child.stderr.resume();
        child.unref();
        resolve(handleOf(child, dir, port));
      }
    };
    const onEarlyExit = (code) => {
      fs.rmSync(pidFile(dir, port), { force: true });
      const error = new Error(`redis-server on port ${port} exited with code ${code}: ${output.trim().slice(-500)}`);
      error.addressInUse = /Address already in use/i.test(output);
      reject(error);
    };
    child.on('error', (error) => reject(new Error(`cannot start redis-server: ${error.message}. ${INSTALL_HINT}`)));
    child.once('exit', onEarlyExit);
    child.stdout.on('data', onOutput);
    child.stderr.on('data', (chunk) => void (output += chunk.toString()));
  });
}

function handleOf(child, dir, port) {
  return {
    pid: child.pid,
    port,
    async stop() {
      child.kill('SIGTERM');
      await waitForExit(child, 2000);
      fs.rmSync(pidFile(dir, port), { force: true });
    },
  };
}

/** Runs `start` with fresh free ports until no port collision happens (other test runs share the machine). */
async function withFreePorts(count, start, attempts = 5) {
  for (let attempt = 1; ; attempt += 1) {
    const ports = [];
    while (ports.length < count) {
      const port = await freePort();
      if (!ports.includes(port)) ports.push(port);
    }
    try {
      return await start(ports);
    } catch (error) {
      if (!error.addressInUse || attempt >= attempts) throw error;
    }
  }
}

/** Kills (SIGKILL) every process whose pid file lies in `dir` or one level below. Best effort, synchronous. */
function killRecordedProcesses(dir) {
  const files = [];
  const collect = (folder, depth) => {
    let names = [];
    try {
      names = fs.readdirSync(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of names) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory() && depth > 0) collect(full, depth - 1);
      else if (entry.name.endsWith('.pid')) files.push(full);
    }
  };
  collect(dir, 1);
  for (const file of files) {
    try {
      process.kill(Number(fs.readFileSync(file, 'utf8')), 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

/**
 * Starts a detached watchdog that kills the recorded servers and removes `dir` when this process dies
 * without tearing down (a crash, SIGKILL). It exits by itself once `dir` has been removed.
 */
function spawnWatchdog(dir) {
  const script = path.join(__dirname, 'watchdog.js');
  const child = spawn(process.execPath, [script, String(process.pid), dir], { detached: true, stdio: 'ignore' });
  child.unref();
}

module.exports = {
  assertRedisServerInstalled,
  freePort,
  startRedisProcess,
  withFreePorts,
  killRecordedProcesses,
  spawnWatchdog,
  INSTALL_HINT,
};
