export * from './read-relay-proxy-config';
export * from './start-relay-proxy';
export * from './generate-offline-files';
