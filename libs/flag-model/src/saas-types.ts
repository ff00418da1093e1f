import type { FeatureConfig, Segment } from './flag-types';

/** One environment of a `/proxy/config` page (spec/saas-api.md §8.6). */
export interface ProxyEnvironment {
  id: string;
  /** SHA-256 hex of the SDK keys. */
  apiKeys: string[];
  featureConfigs: FeatureConfig[];
  segments: Segment[];
}

/** A `/proxy/config` page. */
export interface ProxyConfigPage {
  itemCount: number;
  pageCount: number;
  pageIndex: number;
  pageSize: number;
  version?: number;
  environments: ProxyEnvironment[];
}

/** Domains of SaaS stream events. */
export type SaasEventDomain = 'flag' | 'target-segment' | 'proxy' | string;

/** An event of the SaaS account stream (spec/saas-api.md §8.7). */
export interface SaasEvent {
  event: string;
  domain: SaasEventDomain;
  identifier?: string;
  version?: number;
  environment?: string;
  environments?: string[];
  apiKey?: string;
}

/** A `{key, value}` attribute of metrics and target data. */
export interface KeyValue {
  key: string;
  value: string;
}

/** One metrics item (spec/saas-api.md §8.4). */
export interface MetricsData {
  timestamp: number;
  count: number;
  metricsType: 'FFMETRICS' | string;
  attributes: KeyValue[];
}

/** One target registration sent with metrics. */
export interface TargetData {
  identifier: string;
  name: string;
  attributes: KeyValue[];
}

/** A `stream:sdk_metrics` entry (spec/redis-contract.md §4.4): items as the SDK sent them. */
export interface MetricsStreamEntry {
  environment_id: string;
  metricsData?: unknown[];
  targetData?: unknown[];
}
