export * from './logger';
export * from './create-logger';
export * from './format-log-line';
export * from './log-startup-failure';
