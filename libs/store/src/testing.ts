export type { ContractSetup, ContractStore } from './testing/contract-store';
export { expectStoreError } from './testing/contract-store';
export * from './testing/config-cache-contract';
export * from './testing/event-stream-contract';
