export * from './testing/fake-sdk-tokens';
export * from './testing/fixtures';
export * from './testing/gateway-testbed';
export * from './testing/seed-environment';
export * from './testing/wait-for';
export * from './testing/reference-reads';
export * from './testing/fixture-environments';
export * from './testing/controllable-cache';
