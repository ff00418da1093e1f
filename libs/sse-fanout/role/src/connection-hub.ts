import type { CloseReason, FanoutMetrics } from './fanout-metrics';
import type { SseConnection } from './sse-connection';

/** The open SDK streams of a process, by environment (one channel per environment). */
export interface ConnectionHub {
  add(connection: SseConnection): void;
  /** Forgets a closed connection; returns true when it was the last one of its environment. */
  remove(connection: SseConnection): boolean;
  /** Open streams of `envId`, or of every environment. */
  count(envId?: string): number;
  /** Environments with at least one open stream. */
  environments(): string[];
  /** Every open stream. */
  all(): SseConnection[];
  /**
   * Hands one pre-built frame (its bytes) to every stream of `envId` (spec/sdk-api.md §8.4 rule 5); false
   * when the environment has no stream.
   */
  broadcast(envId: string, frame: Buffer, entryId?: string): boolean;
  /** Ends (`res.end()`) the streams of `envId` that `matches` selects (spec/sdk-api.md §8.5). */
  endWhere(envId: string, reason: CloseReason, matches?: (connection: SseConnection) => boolean): number;
}

/** Creates a {@link ConnectionHub} that keeps `ff_proxy_sdk_sse_connections{envID}` current. */
export function createConnectionHub(metrics: FanoutMetrics): ConnectionHub {
  const byEnvironment = new Map<string, Set<SseConnection>>();
  let total = 0;

  return {
    add(connection) {
      const { envId } = connection.identity;
      let set = byEnvironment.get(envId);
      if (!set) byEnvironment.set(envId, (set = new Set()));
      if (set.has(connection)) return;
      set.add(connection);
      total += 1;
      metrics.connections(envId, set.size);
    },
    remove(connection) {
      const { envId } = connection.identity;
      const set = byEnvironment.get(envId);
      if (!set?.delete(connection)) return false;
      total -= 1;
      metrics.connections(envId, set.size);
      if (set.size > 0) return false;
      byEnvironment.delete(envId);
      return true;
    },
    count: (envId) => (envId === undefined ? total : (byEnvironment.get(envId)?.size ?? 0)),
    environments: () => [...byEnvironment.keys()],
    all: () => [...byEnvironment.values()].flatMap((set) => [...set]),
    broadcast(envId, frame, entryId) {
      const set = byEnvironment.get(envId);
      if (!set) return false;
      for (const connection of set) connection.deliver(frame, entryId);
      return true;
    },
    endWhere(envId, reason, matches = () => true) {
      const selected = [...(byEnvironment.get(envId) ?? [])].filter(matches);
      for (const connection of selected) connection.end(reason);
      return selected.length;
    },
  };
}
