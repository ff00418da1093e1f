export * from './read-saas-sync-config';
