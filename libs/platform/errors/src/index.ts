export * from './relay-error';
export * from './common-errors';
