import type { EvaluationTarget } from '@relay/flag-model';

/** Standard or URL-safe base64 alphabet, padding optional (spec/sdk-api.md §6.4). */
const BASE64 = /^[A-Za-z0-9+/_-]*(={0,2})$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeBase64(text: string): Buffer | undefined {
  const match = BASE64.exec(text);
  if (!match) return undefined;
  const unpadded = text.length - (match[1]?.length ?? 0);
  // A lone trailing character cannot be base64; padding, when present, must complete the last quantum.
  if (unpadded % 4 === 1 || (match[1] !== '' && text.length % 4 !== 0)) return undefined;
  return Buffer.from(text, 'base64');
}

/** Parses a target JSON object with a non-empty string `identifier`; `name` defaults to `""`. */
export function readTargetObject(value: unknown): EvaluationTarget | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const target = value as Record<string, unknown>;
  if (typeof target['identifier'] !== 'string' || target['identifier'] === '') return undefined;
  return { ...target, name: target['name'] ?? '' } as EvaluationTarget;
}

/**
 * The target of a `Harness-Target` header: base64 (standard or URL-safe alphabet, padding optional) of
 * UTF-8 JSON, an object with a non-empty string `identifier`. `undefined` for anything else: the caller
 * ignores such a header (spec/sdk-api.md §6.4).
 */
export function readHarnessTarget(header: string): EvaluationTarget | undefined {
  const bytes = decodeBase64(header);
  if (bytes === undefined) return undefined;
  try {
    return readTargetObject(JSON.parse(utf8.decode(bytes)));
  } catch {
    return undefined;
  }
}
