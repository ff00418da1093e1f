export * from './env-reader';
export * from './redis-options';
export * from './service-options';
export * from './tls-options';
export * from './redact-config';
export * from './auth-options';
export * from './outbound-proxy-options';
