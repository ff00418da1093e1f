import type { RedisProcess } from './redis-process';

/** A running local Redis Cluster of masters only. */
export interface TestCluster {
  /** `127.0.0.1:<port>` of every master. */
  addresses: string[];
  processes: RedisProcess[];
  stop(): Promise<void>;
}

/** Starts `masters` (default 3) cluster nodes in `dir`, joins them and waits for `cluster_state:ok`. */
export function createTestCluster(dir: string, masters?: number): Promise<TestCluster>;
