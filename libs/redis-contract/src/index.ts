export * from './redis-names';
export * from './key-template';
export * from './sha256-hex';
export * from './stream-id';
export * from './contract-values';
