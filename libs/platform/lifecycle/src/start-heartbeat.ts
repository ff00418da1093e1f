import type { Logger } from '@relay/logging';
import type { Closeable } from './resource-stack';
import type { ServiceRole } from './service-role';

/**
 * Logs one `heartbeat` line every `intervalMs` with the roles' summaries (spec/observability.md §4.4;
 * env `HEARTBEAT_INTERVAL`, 0 disables it — decision 9).
 */
export function startHeartbeat(roles: readonly ServiceRole[], logger: Logger, intervalMs: number): Closeable {
  if (intervalMs <= 0) return { close: () => undefined };
  const timer = setInterval(() => {
    const fields = Object.assign({}, ...roles.map((role) => role.heartbeatFields())) as Record<string, unknown>;
    logger.info('heartbeat', fields);
  }, intervalMs);
  timer.unref();
  return { close: () => clearInterval(timer) };
}
