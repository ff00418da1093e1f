import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  assertRedisServerInstalled,
  type RedisProcess,
  spawnWatchdog,
  startRedisProcess,
  withFreePorts,
} from './redis-process';

/** Options of {@link startRedisServer}. */
export interface RedisTestServerOptions {
  /** Extra `redis-server` arguments, e.g. `['--requirepass', 'secret']`. Default none. */
  args?: readonly string[];
}

/**
 * A private standalone Redis owned by one test, for outages: `kill()` / `start()` / `restart()` keep
 * the port, so clients configured with `address` reconnect to the new process (which starts empty:
 * there is no persistence).
 */
export interface RedisTestServer {
  readonly port: number;
  /** `127.0.0.1:<port>`. */
  readonly address: string;
  /** Whether the process is running. */
  isRunning(): boolean;
  /** Stops the process (connections drop); the port stays reserved for `start()`. */
  kill(): Promise<void>;
  /** Starts the process again on the same port (no-op when running). */
  start(): Promise<void>;
  /** `kill()`, wait `downMs` (default 0), `start()`: "Redis restarted empty". */
  restart(options?: { downMs?: number }): Promise<void>;
  /** Stops the process for good and removes its data directory. */
  stop(): Promise<void>;
}

function createDataDir(): string {
  const parent = process.env.RELAY_TEST_REDIS_DIR;
  if (parent) return mkdtempSync(join(parent, 'server-'));
  const dir = mkdtempSync(join(tmpdir(), 'relay-redis-'));
  spawnWatchdog(dir);
  return dir;
}

async function startOnPort(dir: string, port: number, args: readonly string[]): Promise<RedisProcess> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await startRedisProcess({ dir, port, args });
    } catch (error) {
      // The old process has exited, but give the kernel a moment if the port still looks taken.
      if (!(error as { addressInUse?: boolean }).addressInUse || attempt >= 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/**
 * Starts a private `redis-server` on a free port (never 6379), without persistence, in a temp dir below
 * the global setup's directory when there is one (so a crashed run still cleans it up).
 */
export async function startRedisServer(options: RedisTestServerOptions = {}): Promise<RedisTestServer> {
  assertRedisServerInstalled();
  const args = options.args ?? [];
  const dir = createDataDir();
  let running: RedisProcess | undefined = await withFreePorts(1, ([port]) =>
    startRedisProcess({ dir, port: port as number, args }),
  );
  const port = running.port;
  const server: RedisTestServer = {
    port,
    address: `127.0.0.1:${port}`,
    isRunning: () => running !== undefined,
    async kill() {
      const current = running;
      running = undefined;
      await current?.stop();
    },
    async start() {
      running ??= await startOnPort(dir, port, args);
    },
    async restart({ downMs = 0 } = {}) {
      await server.kill();
      if (downMs > 0) await new Promise((resolve) => setTimeout(resolve, downMs));
      await server.start();
    },
    async stop() {
      await server.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return server;
}
