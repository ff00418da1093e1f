export * from './read-metrics-forwarder-config';
export * from './create-metrics-forwarder';
export * from './metrics-poster';
export type { ForwardingLimits } from './forwarding-pipeline';
export type { DropReason } from './metrics-forwarder-metrics';
export * from './metrics-forwarder-timings';
