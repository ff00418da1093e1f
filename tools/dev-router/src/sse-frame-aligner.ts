const FRAME_END = Buffer.from('\n\n');

/** Holds back the unfinished tail of an SSE byte stream so that every write ends on a frame boundary. */
export interface SseFrameAligner {
  /** The complete frames of what arrived so far (`undefined` when none is complete yet). */
  push(chunk: Buffer): Buffer | undefined;
  /** Whatever is left when the upstream response ends. */
  rest(): Buffer | undefined;
}

/**
 * Creates an {@link SseFrameAligner}. sse-fanout writes one whole frame per write (spec/sdk-api.md §8.4
 * rule 1) and the Node SDK throws on a `data:` line split across reads, so a TCP read that ends inside a
 * frame must not be forwarded as it is. Complete frames pass at once: nothing is delayed that could be sent.
 */
export function createSseFrameAligner(): SseFrameAligner {
  let pending: Buffer | undefined;
  return {
    push(chunk) {
      const data = pending ? Buffer.concat([pending, chunk]) : chunk;
      const boundary = data.lastIndexOf(FRAME_END);
      if (boundary === -1) {
        pending = data;
        return undefined;
      }
      const cut = boundary + FRAME_END.length;
      pending = cut < data.length ? data.subarray(cut) : undefined;
      return data.subarray(0, cut);
    },
    rest() {
      const left = pending;
      pending = undefined;
      return left;
    },
  };
}
