import type { EvaluationTarget } from '@relay/flag-model';
import type { BenchOptions, BenchReport, BenchScenario } from '../bench-scenario';
import { readCountOption } from '../parse-bench-args';
import { createSeededRandom } from '@relay/flag-evaluator/testing';
import { BENCH_ENV, BENCH_SDK_KEY, startBareServer, startBenchGateway } from './bench-gateway';
import { createRealisticFlagSet } from './realistic-flag-set';
import { combineLoads, runLoad, type LoadFigures, type LoadOptions } from './run-load';

const round = (value: number, digits = 3) => Number(value.toFixed(digits));

async function fetchOk(url: string, init: RequestInit): Promise<Buffer> {
  const res = await fetch(url, init);
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${url} answered ${res.status}`);
  return Buffer.from(await res.arrayBuffer());
}

/** The requests of the evaluations run: one per distinct target, each with its `Harness-Target` (as the JS SDK sends). */
function evaluationRequests(targets: readonly EvaluationTarget[], authorization: string): NonNullable<LoadOptions['requests']> {
  return targets.map((target) => ({
    method: 'GET',
    path: `/client/env/${BENCH_ENV}/target/${encodeURIComponent(target.identifier)}/evaluations`,
    headers: { authorization, 'harness-target': Buffer.from(JSON.stringify(target)).toString('base64') },
  }));
}

type Timing = Pick<LoadOptions, 'connections' | 'warmupSeconds' | 'durationSeconds'> & { rounds: number };

/**
 * Measures a bare server answering `body` and the gateway route in alternating rounds (bare, gateway,
 * bare, gateway, …), each warmed up once, so that load from other processes on the machine affects both
 * sides alike; the ratio is that of the mean rates.
 */
async function versusBare(body: Buffer, gatewayLoad: Pick<LoadOptions, 'url' | 'headers' | 'requests'>, timing: Timing) {
  const bare = await startBareServer(body);
  const baseline: LoadFigures[] = [];
  const measured: LoadFigures[] = [];
  try {
    for (let i = 0; i < timing.rounds; i++) {
      const warmupSeconds = i === 0 ? timing.warmupSeconds : 0;
      baseline.push(await runLoad({ url: bare.url, ...timing, warmupSeconds }));
      measured.push(await runLoad({ ...gatewayLoad, ...timing, warmupSeconds }));
    }
  } finally {
    await bare.close();
  }
  const [base, gateway] = [combineLoads(baseline), combineLoads(measured)];
  return { baseline: base, measured: gateway, ratio: round(gateway.requestsPerSecond / base.requestsPerSecond) };
}

function figures(prefix: string, load: LoadFigures): Record<string, number> {
  return { [`${prefix}RequestsPerSecond`]: load.requestsPerSecond, [`${prefix}P99Ms`]: load.p99Ms, [`${prefix}Failures`]: load.failures };
}

const none: LoadFigures = { requestsPerSecond: 0, p50Ms: 0, p99Ms: 0, failures: 0 };
const skipped = { baseline: none, measured: none, ratio: 0 };

const line = (name: string, load: LoadFigures) => `${name}: ${load.requestsPerSecond} req/s, p50 ${load.p50Ms} ms, p99 ${load.p99Ms} ms, failures ${load.failures}`;

async function run(options: BenchOptions): Promise<BenchReport> {
  const sizes = { flags: readCountOption(options, 'flags', 50), segments: readCountOption(options, 'segments', 20), targets: readCountOption(options, 'targets', 10_000) };
  const timing = {
    connections: readCountOption(options, 'connections', 10),
    warmupSeconds: readCountOption(options, 'warmup-s', 3),
    durationSeconds: readCountOption(options, 'duration-s', 5),
    rounds: readCountOption(options, 'rounds', 3),
  };
  const only = options['only'];
  const set = createRealisticFlagSet(createSeededRandom(readCountOption(options, 'seed', 1)), sizes);
  const gateway = await startBenchGateway(set);
  try {
    const auth = await fetchOk(`${gateway.baseUrl}/client/auth`, { method: 'POST', body: JSON.stringify({ apiKey: BENCH_SDK_KEY }) });
    const authorization = `Bearer ${(JSON.parse(auth.toString()) as { authToken: string }).authToken}`;
    const listUrl = `${gateway.baseUrl}/client/env/${BENCH_ENV}/feature-configs`;
    const listBody = await fetchOk(listUrl, { headers: { authorization } });
    const list = only === 'evaluations' ? skipped : await versusBare(listBody, { url: listUrl, headers: { authorization } }, timing);
    const requests = evaluationRequests(set.targets, authorization);
    const first = requests[0]!;
    const evaluationBody = await fetchOk(`${gateway.baseUrl}${first.path}`, { headers: first.headers });
    const evaluations = only === 'feature-configs' ? skipped : await versusBare(evaluationBody, { url: gateway.baseUrl, requests }, timing);
    return {
      figures: {
        ...sizes,
        ...timing,
        featureConfigsBytes: listBody.length,
        ...figures('bareFeatureConfigs', list.baseline),
        ...figures('featureConfigs', list.measured),
        featureConfigsRatioToBare: list.ratio,
        evaluationsBytes: evaluationBody.length,
        ...figures('bareEvaluations', evaluations.baseline),
        ...figures('evaluations', evaluations.measured),
        evaluationsRatioToBare: evaluations.ratio,
      },
      summary: [
        `${sizes.flags} flags, ${sizes.segments} segments; ${timing.connections} keep-alive connections, ${timing.warmupSeconds} s warm-up, ${timing.rounds} alternating rounds of ${timing.durationSeconds} s per server (mean req/s, worst p99)`,
        line(`bare node:http (${listBody.length} bytes)`, list.baseline),
        line('GET feature-configs', list.measured),
        `feature-configs ratio to bare: ${list.ratio} (aim ≥ 0.6)`,
        line(`bare node:http (${evaluationBody.length} bytes)`, evaluations.baseline),
        line(`GET evaluations, ${sizes.targets} distinct targets`, evaluations.measured),
        `evaluations ratio to bare: ${evaluations.ratio}`,
      ],
    };
  } finally {
    await gateway.close();
  }
}

/**
 * sdk-gateway throughput against a bare `node:http` server returning the same bytes, in one run:
 * `GET feature-configs` with a valid token, then `GET evaluations` for distinct targets. Options:
 * `--flags` (50), `--segments` (20), `--targets` (10000), `--seed` (1), `--connections` (10),
 * `--warmup-s` (3), `--duration-s` per round (5), `--rounds` (3), `--only feature-configs|evaluations` (both).
 */
export const gatewayScenario: BenchScenario = {
  description: 'sdk-gateway: feature-configs and evaluations requests/s and p99 against a bare node:http server',
  run,
};
