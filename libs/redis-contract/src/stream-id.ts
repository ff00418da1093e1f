/** A parsed stream entry id `<ms>-<seq>`. */
export interface StreamId {
  ms: number;
  seq: number;
}

const ID = /^(\d{1,16})-(\d{1,16})$/;

/** Parses `<ms>-<seq>`; `undefined` when the text is not a valid id. */
export function parseStreamId(id: string): StreamId | undefined {
  const match = ID.exec(id);
  if (!match) return undefined;
  const ms = Number(match[1]);
  const seq = Number(match[2]);
  return Number.isSafeInteger(ms) && Number.isSafeInteger(seq) ? { ms, seq } : undefined;
}

/** Compares two ids numerically (never as strings, §4.1): negative, 0 or positive. */
export function compareStreamIds(a: string, b: string): number {
  const x = parseStreamId(a) ?? { ms: 0, seq: 0 };
  const y = parseStreamId(b) ?? { ms: 0, seq: 0 };
  return x.ms === y.ms ? x.seq - y.seq : x.ms - y.ms;
}

/** The millisecond part of an id (0 for an invalid id). */
export function streamIdMs(id: string): number {
  return parseStreamId(id)?.ms ?? 0;
}

/** The id before every entry. */
export const STREAM_START_ID = '0-0';
