export * from './testing/seeded-random';
export * from './testing/evaluation-cases-dir';
