export * from './create-saas-sync';
export * from './generate-offline-config';
export * from './read-offline-config';
export * from './read-saas-sync-config';
export * from './saas-port';
