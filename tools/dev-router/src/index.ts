export * from './read-dev-router-config';
export * from './route-for-path';
export * from './sse-frame-aligner';
export * from './create-dev-router';
export * from './start-dev-router';
