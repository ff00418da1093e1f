export * from './read-metrics-forwarder-config';
