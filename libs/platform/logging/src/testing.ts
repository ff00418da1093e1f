export * from './capturing-logger';
