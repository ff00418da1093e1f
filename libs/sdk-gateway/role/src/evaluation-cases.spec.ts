import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { EVALUATION_CASES_DIR } from '@relay/flag-evaluator/testing';
import { normalizeFeatureConfig, normalizeSegment, type FeatureConfig, type Segment } from '@relay/flag-model';
import { seedEnvironment, startGatewayTestbed, type GatewayTestbed } from './testing';

/** The shared conformance cases (spec/evaluation.md §12), as vendored by the evaluator library. */
const CASES_DIR = EVALUATION_CASES_DIR;

interface CaseFile {
  flags: unknown[];
  segments?: unknown[] | null;
  targets?: { identifier: string; name?: string | null; attributes?: Record<string, unknown> | null }[] | null;
  tests: { flag: string; target?: string; expected: unknown }[];
}

/** A typed view of a variation value, as the SDKs read it (§12). */
function typed(kind: string, value: string, expected: unknown): [unknown, unknown] {
  if (kind === 'boolean') return [value === 'true', expected];
  if (kind === 'int') return [Number(value), expected];
  if (kind === 'json') return [JSON.parse(value), JSON.parse(String(expected))];
  return [value, expected];
}

const files = readdirSync(CASES_DIR, { recursive: true, encoding: 'utf8' })
  .filter((name) => name.endsWith('.json'))
  .sort();
const cases = files.flatMap((file, index) => {
  const content = JSON.parse(readFileSync(path.join(CASES_DIR, file), 'utf8')) as CaseFile;
  return content.tests
    .filter((test) => test.target !== undefined && test.target !== '_no_target')
    .map((test) => ({ name: `${file}: ${test.flag} for ${test.target}`, file: content, envId: `env-case-${index}`, test }));
});

describe('shared evaluation cases through /client/auth and the evaluation route', () => {
  let bed: GatewayTestbed;
  beforeAll(async () => {
    bed = await startGatewayTestbed();
  });
  afterAll(() => bed.close());

  it('covers every test of the shared cases that names a target', () => {
    expect(cases.length).toBeGreaterThanOrEqual(14);
  });

  it.each(cases)('$name', async ({ file, envId, test }) => {
    const flags = file.flags.map((flag) => normalizeFeatureConfig(flag) as FeatureConfig);
    const segments = (file.segments ?? []).map((segment) => normalizeSegment(segment) as Segment);
    await seedEnvironment(bed.cache, envId, { flags, segments, sdkKeys: [`key-${envId}`] });
    const target = (file.targets ?? []).find((candidate) => candidate.identifier === test.target);
    if (!target) throw new Error(`unknown target ${test.target}`);
    // A null name is sent as absent; everything else as the case file has it.
    const { name, ...rest } = target;
    const sent = name === null || name === undefined ? rest : { ...rest, name };
    const auth = await request(bed.app).post('/client/auth').send({ apiKey: `key-${envId}`, target: sent }).expect(200);
    await bed.gateway.settled();
    const res = await request(bed.app)
      .get(`/client/env/${envId}/target/${test.target}/evaluations/${test.flag}`)
      .set('Authorization', `Bearer ${auth.body.authToken}`)
      .expect(200);
    const flag = flags.find((candidate) => candidate.feature === test.flag);
    const [actual, expected] = typed(flag?.kind ?? 'string', res.body.value, test.expected);
    expect(actual).toEqual(expected);
  });
});
