import type { EvaluationTarget, FeatureConfig, Segment } from '@relay/flag-model';

/** The Node server SDK's evaluator (async), driven from in-memory data. */
export interface NodeSdkEvaluator {
  /** Resolves to the variation the SDK serves (or its default) for one flag. */
  evaluate(flag: FeatureConfig, target: EvaluationTarget): Promise<unknown>;
}

interface SdkEvaluatorInstance {
  boolVariation(id: string, target: EvaluationTarget, fallback: boolean): Promise<unknown>;
  stringVariation(id: string, target: EvaluationTarget, fallback: string): Promise<unknown>;
  numberVariation(id: string, target: EvaluationTarget, fallback: number): Promise<unknown>;
  jsonVariation(id: string, target: EvaluationTarget, fallback: object): Promise<unknown>;
}
type SdkEvaluatorClass = new (query: object, logger: object) => SdkEvaluatorInstance;

const quiet = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };

/**
 * Loads the `Evaluator` class of `@harnessio/ff-nodejs-server-sdk` (a dev dependency). The package
 * bundles it without exporting it, so it is taken from a `Client` created without an SDK key (which
 * stops before any network use). `undefined` when the package cannot be loaded. The SDK sorts rules
 * in place, so it gets its own copy of the flags.
 */
export function loadNodeSdkEvaluator(flags: FeatureConfig[], segments: Segment[]): NodeSdkEvaluator | undefined {
  let Evaluator: SdkEvaluatorClass;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- optional dev dependency, loaded only here
    const { Client } = require('@harnessio/ff-nodejs-server-sdk') as {
      Client: new (key: string, options: object) => object;
    };
    const client = new Client('', {
      logger: quiet,
      store: undefined,
      cache: new Map(),
      enableStream: false,
      enableAnalytics: false,
    });
    Evaluator = (client as { evaluator: { constructor: SdkEvaluatorClass } }).evaluator.constructor;
  } catch {
    return undefined;
  }
  const flagsById = new Map(structuredClone(flags).map((flag) => [flag.feature, flag]));
  const segmentsById = new Map(structuredClone(segments).map((segment) => [segment.identifier, segment]));
  const query = {
    getFlag: async (id: string) => flagsById.get(id),
    getSegment: async (id: string) => segmentsById.get(id),
    findFlagsBySegment: async () => [],
  };
  const sdk = new Evaluator(query, quiet);
  return {
    evaluate: (flag, target) => {
      if (flag.kind === 'boolean') return sdk.boolVariation(flag.feature, target, false);
      if (flag.kind === 'int') return sdk.numberVariation(flag.feature, target, 0);
      if (flag.kind === 'json') return sdk.jsonVariation(flag.feature, target, {});
      return sdk.stringVariation(flag.feature, target, '');
    },
  };
}
