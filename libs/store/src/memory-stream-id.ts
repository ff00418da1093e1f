import { parseStreamId, type StreamId } from '@relay/redis-contract';
import { invalidStreamIdError } from './memory-errors';

/** Parses an id argument as Redis does for a range start: `<ms>-<seq>`, or `<ms>` meaning `<ms>-0`. */
export function readStreamId(text: string): StreamId {
  const id = parseStreamId(/^\d+$/.test(text) ? `${text}-0` : text);
  if (!id) throw invalidStreamIdError();
  return id;
}

/** Numeric order of ids (spec/redis-contract.md §4.1): negative, 0 or positive. */
export function compareIds(a: StreamId, b: StreamId): number {
  return a.ms === b.ms ? a.seq - b.seq : a.ms - b.ms;
}

/** `<ms>-<seq>`. */
export function formatId(id: StreamId): string {
  return `${id.ms}-${id.seq}`;
}

/** The id `0-0`. */
export const ZERO_ID: StreamId = Object.freeze({ ms: 0, seq: 0 });
