import { readCodePoint } from './read-code-point';

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

function scramble(block: number): number {
  const k = Math.imul(block, C1);
  return Math.imul((k << 15) | (k >>> 17), C2);
}

function mixBlock(hash: number, block: number): number {
  const h = hash ^ scramble(block);
  return (Math.imul((h << 13) | (h >>> 19), 5) + 0xe6546b64) | 0;
}

function finalMix(hash: number, length: number): number {
  let h = hash ^ length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The UTF-8 bytes of one code point packed little-endian into an int (first byte lowest). */
function packUtf8(codePoint: number): number {
  if (codePoint < 0x80) return codePoint;
  if (codePoint < 0x800) return 0xc0 | (codePoint >> 6) | ((0x80 | (codePoint & 0x3f)) << 8);
  const last = (0x80 | (codePoint & 0x3f)) << 16;
  if (codePoint < 0x10000) return 0xe0 | (codePoint >> 12) | ((0x80 | ((codePoint >> 6) & 0x3f)) << 8) | last;
  return (
    0xf0 |
    (codePoint >> 18) |
    ((0x80 | ((codePoint >> 12) & 0x3f)) << 8) |
    ((0x80 | ((codePoint >> 6) & 0x3f)) << 16) |
    ((0x80 | (codePoint & 0x3f)) << 24)
  );
}

function utf8Length(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

/**
 * MurmurHash3 x86_32 of the UTF-8 bytes of `input` (spec/evaluation.md §9), as an unsigned 32-bit
 * integer. Encodes on the fly, without allocating a byte array, because every percentage rollout
 * hashes one string per evaluation. `seed` defaults to 0, the value every Harness evaluator uses.
 */
export function murmur3(input: string, seed = 0): number {
  let hash = seed | 0;
  let block = 0;
  let length = 0;
  for (let i = 0; i < input.length; i++) {
    const codePoint = readCodePoint(input, i);
    if (codePoint > 0xffff) i++;
    const packed = packUtf8(codePoint);
    const count = utf8Length(codePoint);
    for (let b = 0; b < count; b++) {
      block |= ((packed >>> (b << 3)) & 0xff) << ((length & 3) << 3);
      length++;
      if ((length & 3) === 0) {
        hash = mixBlock(hash, block);
        block = 0;
      }
    }
  }
  if ((length & 3) !== 0) hash ^= scramble(block);
  return finalMix(hash, length);
}
