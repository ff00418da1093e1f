export * from './testing/contract-store';
export * from './testing/config-cache-contract';
export * from './testing/event-stream-contract';
