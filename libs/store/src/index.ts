export * from './config-cache';
export * from './event-stream';
export * from './store-error';
