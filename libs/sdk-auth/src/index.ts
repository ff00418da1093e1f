export * from './sdk-tokens';
