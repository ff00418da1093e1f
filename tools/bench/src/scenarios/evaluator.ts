import { createEvaluator, type EvaluationLookups } from '@relay/flag-evaluator';
import type { Evaluation, FeatureConfig } from '@relay/flag-model';
import type { BenchReport, BenchScenario } from '../bench-scenario';
import { measureRate, type Measurement } from '../measure-rate';
import { readCountOption } from '../parse-bench-args';
import { createSeededRandom } from '@relay/flag-evaluator/testing';
import { loadNodeSdkEvaluator } from './node-sdk-evaluator';
import { createRealisticFlagSet, type RealisticFlagSet } from './realistic-flag-set';

function lookupsOf(set: RealisticFlagSet): EvaluationLookups {
  const flags = new Map(set.flags.map((flag) => [flag.feature, flag]));
  const segments = new Map(set.segments.map((segment) => [segment.identifier, segment]));
  return { getFlag: (id) => flags.get(id), getSegment: (id) => segments.get(id), andRules: false };
}

/** The cheapest honest answer: each flag's off variation as a response item, no targeting at all. */
function offVariationItems(flags: readonly FeatureConfig[]): Evaluation[] {
  const items: Evaluation[] = [];
  for (const flag of flags) {
    const variation = flag.variations.find((candidate) => candidate.identifier === flag.offVariation);
    if (variation)
      items.push({ flag: flag.feature, identifier: variation.identifier, kind: flag.kind, value: variation.value });
  }
  return items;
}

const round = (value: number, digits = 3) => Number(value.toFixed(digits));

function figures(prefix: string, measurement: Measurement): Record<string, number> {
  return {
    [`${prefix}MicrosPerFlag`]: round(measurement.microsPerOperation),
    [`${prefix}EvaluationsPerSecond`]: Math.round(measurement.operationsPerSecond),
  };
}

async function measureNodeSdk(
  set: RealisticFlagSet,
  targets: number,
  minDurationMs: number,
): Promise<Measurement | undefined> {
  const sdk = loadNodeSdkEvaluator(set.flags, set.segments);
  if (sdk === undefined) return undefined;
  const sample = set.targets.slice(0, targets);
  return measureRate(
    sample.length * set.flags.length,
    async () => {
      for (const target of sample) for (const flag of set.flags) await sdk.evaluate(flag, target);
    },
    { warmupPasses: 1, minDurationMs },
  );
}

async function run(options: Record<string, string>): Promise<BenchReport> {
  const sizes = {
    flags: readCountOption(options, 'flags', 50),
    segments: readCountOption(options, 'segments', 20),
    targets: readCountOption(options, 'targets', 10_000),
  };
  const minDurationMs = readCountOption(options, 'duration-ms', 3000);
  const set = createRealisticFlagSet(createSeededRandom(readCountOption(options, 'seed', 1)), sizes);
  const lookups = lookupsOf(set);
  const evaluator = createEvaluator();
  const perPass = set.targets.length * set.flags.length;
  let failures = 0;
  for (const target of set.targets) failures += evaluator.evaluateAll(set.flags, target, lookups).failures.length;
  const ours = await measureRate(
    perPass,
    () => {
      for (const target of set.targets) evaluator.evaluateAll(set.flags, target, lookups);
    },
    { minDurationMs },
  );
  const trivial = await measureRate(
    perPass,
    () => {
      for (let i = 0; i < set.targets.length; i++) offVariationItems(set.flags);
    },
    { minDurationMs },
  );
  const sdk = await measureNodeSdk(set, Math.min(set.targets.length, 2000), minDurationMs);
  const report = {
    ...sizes,
    ...figures('evaluator', ours),
    ...figures('offVariationBaseline', trivial),
    ratioToOffVariationBaseline: round(ours.microsPerOperation / trivial.microsPerOperation, 2),
    ...(sdk ? figures('nodeSdkBaseline', sdk) : {}),
    ratioToNodeSdk: sdk ? round(ours.microsPerOperation / sdk.microsPerOperation, 3) : null,
    failedEvaluations: failures,
  };
  return {
    figures: report,
    summary: [
      `${sizes.flags} flags, ${sizes.segments} segments, ${sizes.targets} targets (evaluateAll per target)`,
      `evaluator: ${round(ours.microsPerOperation)} µs per flag evaluation, ${Math.round(ours.operationsPerSecond)} evaluations/s`,
      `off-variation baseline: ${round(trivial.microsPerOperation)} µs per flag (evaluator costs ${report.ratioToOffVariationBaseline}×)`,
      sdk
        ? `Node SDK 1.8.12 evaluator: ${round(sdk.microsPerOperation)} µs per flag (evaluator costs ${report.ratioToNodeSdk}×)`
        : 'Node SDK evaluator: not loadable, skipped',
    ],
  };
}

/**
 * Flag evaluation throughput as the gateway uses it (`evaluateAll` over an in-process snapshot), next
 * to two baselines measured in the same run. Options: `--targets` (10000), `--flags` (50), `--segments`
 * (20), `--seed` (1), `--duration-ms` per measurement (3000).
 */
export const evaluatorScenario: BenchScenario = {
  description: 'flag evaluator: µs per flag evaluation over realistic flags, segments and targets',
  run,
};
