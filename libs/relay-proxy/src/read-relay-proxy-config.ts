import {
  readOutboundProxyOptions,
  readRedisOptions,
  readServiceOptions,
  readTlsOptions,
  type EnvReader,
  type OutboundProxySettings,
  type RedisOptions,
  type ServiceOptions,
  type TlsOptions,
} from '@relay/config';
import { readMetricsForwarderConfig, type MetricsForwarderConfig } from '@relay/metrics-forwarder';
import { readSaasSyncConfig, type SaasSyncConfig } from '@relay/saas-sync';
import { readSdkGatewayConfig, type SdkGatewayConfig } from '@relay/sdk-gateway';
import { readSseFanoutConfig, type SseFanoutConfig } from '@relay/sse-fanout';

/** Everything the all-in-one process reads (spec/configuration.md §6): the union for the roles it runs. */
export interface RelayProxyConfig {
  options: ServiceOptions;
  /** Absent: the in-process store. */
  redis: RedisOptions | undefined;
  tls: TlsOptions | undefined;
  proxy: OutboundProxySettings;
  gateway: SdkGatewayConfig;
  fanout: SseFanoutConfig;
  /** The Primary roles; absent with `READ_REPLICA=true` (another process runs them). */
  primary: { sync: SaasSyncConfig; forwarder: MetricsForwarderConfig } | undefined;
}

/**
 * Reads the configuration of the roles the all-in-one runs: sdk-gateway and sse-fanout always,
 * saas-sync and metrics-forwarder unless `READ_REPLICA=true`, which requires `REDIS_ADDRESS`.
 */
export function readRelayProxyConfig(reader: EnvReader): RelayProxyConfig {
  const options = readServiceOptions(reader);
  const readReplica = reader.bool('READ_REPLICA', false);
  const redis = readRedisOptions(reader, { required: false });
  if (readReplica && !reader.raw('REDIS_ADDRESS')) reader.problem('REDIS_ADDRESS: required when READ_REPLICA=true');
  return {
    options,
    redis,
    tls: readTlsOptions(reader),
    proxy: readOutboundProxyOptions(reader),
    gateway: readSdkGatewayConfig(reader),
    fanout: readSseFanoutConfig(reader),
    primary: readReplica ? undefined : { sync: readSaasSyncConfig(reader), forwarder: readMetricsForwarderConfig(reader) },
  };
}
