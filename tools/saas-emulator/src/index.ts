export * from './start-saas-emulator';
export * from './saas-emulator-options';
export * from './saas-emulator-admin';
export * from './emulator-state';
export * from './emulator-fault';
export * from './recorded-request';
export * from './demo-seed-path';
