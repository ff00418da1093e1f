import type { Evaluator } from '@relay/flag-evaluator';
import type { Clock } from '@relay/lifecycle';
import type { Logger } from '@relay/logging';
import type { ReplicaState } from '@relay/replica';
import type { ConfigCache, EventStream } from '@relay/store';
import type { BackgroundTasks } from './background-tasks';
import type { GatewayMetrics } from './gateway-metrics';
import type { SdkGatewayConfig } from './read-sdk-gateway-config';
import type { SdkTokenIssuer } from './sdk-token-issuer';
import type { DirectReads } from './snapshots/direct-reads';
import type { SnapshotStore } from './snapshots/snapshot-store';

/** Everything the gateway's route handlers use; built once by `createSdkGateway`. */
export interface GatewayContext {
  config: SdkGatewayConfig;
  replica: ReplicaState;
  cache: ConfigCache;
  events: EventStream;
  tokens: SdkTokenIssuer;
  clock: Clock;
  logger: Logger;
  metrics: GatewayMetrics;
  snapshots: SnapshotStore;
  direct: DirectReads;
  /** The one evaluator of the gateway (its regex cache is shared by every request). */
  evaluator: Evaluator;
  background: BackgroundTasks;
}
