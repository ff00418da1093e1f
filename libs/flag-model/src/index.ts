export * from './flag-types';
export * from './saas-types';
export * from './normalize';
export * from './parse-proxy-config-page';
