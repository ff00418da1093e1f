/** A running private redis-server. */
export interface RedisProcess {
  pid: number;
  port: number;
  /** SIGTERM, then SIGKILL after 2 s; resolves when the process has exited. */
  stop(): Promise<void>;
}

/** How to install redis-server, for error messages. */
export const INSTALL_HINT: string;

/** Throws a clear error when `redis-server` is missing or older than 7.0. */
export function assertRedisServerInstalled(): void;

/** A TCP port that was free a moment ago on 127.0.0.1 (never 6379). */
export function freePort(): Promise<number>;

/**
 * Starts `redis-server` on 127.0.0.1:`port`, data in `dir`, no persistence, plus `args`; resolves once
 * it accepts connections. Rejects with `addressInUse: true` when the port was taken.
 */
export function startRedisProcess(options: { dir: string; port: number; args?: readonly string[] }): Promise<RedisProcess>;

/** Runs `start` with `count` fresh free ports, retrying on port collisions (default 5 attempts). */
export function withFreePorts<T>(count: number, start: (ports: number[]) => Promise<T>, attempts?: number): Promise<T>;

/** SIGKILLs every process whose pid file lies in `dir` or one level below. */
export function killRecordedProcesses(dir: string): void;

/** Starts a detached watchdog that cleans `dir` up if this process dies without teardown. */
export function spawnWatchdog(dir: string): void;
