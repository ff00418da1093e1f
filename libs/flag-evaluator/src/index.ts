export type { EvaluateAllResult, EvaluationFailure, EvaluationLookups, EvaluationResult } from './evaluation-types';
export { createEvaluator, evaluate, evaluateAll, type Evaluator, type EvaluatorOptions } from './create-evaluator';
export { toEvaluation } from './to-evaluation';
export { murmur3 } from './murmur3';
export { bucketOf } from './select-from-distribution';
