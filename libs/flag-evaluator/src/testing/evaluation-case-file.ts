import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { EvaluationTarget, FeatureConfig, Segment } from '@relay/flag-model';
import type { EvaluationLookups } from '../evaluation-types';

/**
 * One test of a case file (spec/evaluation.md §12). Our own fixtures may add `description` (the test
 * name), `failure` (a substring of the expected failure reason, instead of `expected`).
 */
export interface CaseTest {
  flag: string;
  /** A `targets` identifier; missing or `_no_target` means a `null` target. */
  target?: string;
  expected?: unknown;
  failure?: string;
  description?: string;
}

/** A case file: the `ff-test-cases` format, plus an optional `andRules` (default false) in our fixtures. */
export interface CaseFile {
  flags: FeatureConfig[];
  segments?: Segment[] | null;
  targets?: EvaluationTarget[] | null;
  tests: CaseTest[];
  andRules?: boolean;
}

/** Every `.json` file under `dir`, recursively, sorted; throws when `dir` does not exist. */
export function listCaseFiles(dir: string): string[] {
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
    throw new Error(`evaluation cases not found at ${dir}`);
  }
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.json'))
    .sort();
}

/** Reads and parses one case file. */
export function readCaseFile(file: string): CaseFile {
  return JSON.parse(readFileSync(file, 'utf8')) as CaseFile;
}

/** Lookups over one file only (files are independent, §12). */
export function createCaseLookups(file: CaseFile): EvaluationLookups {
  const flags = new Map(file.flags.map((flag) => [flag.feature, flag]));
  const segments = new Map((file.segments ?? []).map((segment) => [segment.identifier, segment]));
  return { getFlag: (id) => flags.get(id), getSegment: (id) => segments.get(id), andRules: file.andRules ?? false };
}

/** The target a test names, `null` for none; throws for an identifier the file does not define. */
export function resolveTarget(file: CaseFile, identifier: string | undefined): EvaluationTarget | null {
  if (identifier === undefined || identifier === '_no_target') return null;
  const target = (file.targets ?? []).find((candidate) => candidate.identifier === identifier);
  if (target === undefined) throw new Error(`case names unknown target ${identifier}`);
  return target;
}

/** A variation value typed by flag kind, as SDKs read it (§12); unknown kinds stay strings. */
export function typedValue(kind: string, value: string): unknown {
  if (kind === 'boolean') return value === 'true';
  if (kind === 'int') return Number(value);
  if (kind === 'json') return JSON.parse(value);
  return value;
}

/** The `expected` of a test typed for comparison: `json` expectations are strings holding JSON (§12). */
export function typedExpectation(kind: string, expected: unknown): unknown {
  return kind === 'json' && typeof expected === 'string' ? JSON.parse(expected) : expected;
}

/** Path of a file relative to `dir`, for test names. */
export function caseName(dir: string, file: string): string {
  return path.relative(dir, file);
}
