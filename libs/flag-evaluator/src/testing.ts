export * from './testing/seeded-random';
