import { murmur3 } from './murmur3';
import { bucketOf } from './select-from-distribution';
import { createSeededRandom } from './testing/seeded-random';

// spec/evaluation.md §9: hashed string, murmur3_32 (seed 0, UTF-8), bucket.
const vectors: [string, number, number][] = [
  ['identifier:test', 728187856, 57],
  ['identifier:harness', 3586580905, 6],
  ['identifier:enver', 1028764866, 67],
  ['name:Harness', 2630343367, 68],
  ['identifier:user1', 3374622078, 79],
  ['email:a@b.c', 3962656917, 18],
  ['identifier:ü', 219293234, 35],
  ['identifier:alice', 488218291, 92],
  ['identifier:bob', 1102924453, 54],
  ['identifier:charlie', 1867340195, 96],
  ['plan:pro', 4269750650, 51],
];

describe('murmur3', () => {
  it.each(vectors)('hashes %s to %i', (input, hash) => {
    expect(murmur3(input)).toBe(hash);
  });

  it.each(vectors)('puts %s in the bucket of the spec', (input, _hash, bucket) => {
    const colon = input.indexOf(':');
    expect(bucketOf(input.slice(0, colon), input.slice(colon + 1))).toBe(bucket);
  });

  it('hashes the empty string with seed 0 to 0 and honours the seed', () => {
    expect(murmur3('')).toBe(0);
    expect(murmur3('', 1)).toBe(0x514e28b7);
  });

  it('hashes the UTF-8 bytes of characters above U+FFFF and of lone surrogates (as U+FFFD)', () => {
    expect(murmur3('😀')).toBe(referenceMurmur3(Buffer.from('😀', 'utf8')));
    expect(murmur3('a\ud800b')).toBe(referenceMurmur3(Buffer.from('a\ufffdb', 'utf8')));
    expect(murmur3('€uro-ü-😀-x')).toBe(referenceMurmur3(Buffer.from('€uro-ü-😀-x', 'utf8')));
  });

  it('agrees with a byte-array implementation on generated strings of every UTF-8 length', () => {
    const random = createSeededRandom(42);
    const alphabet = [
      'a',
      'Z',
      '0',
      ':',
      'é',
      'ß',
      '€',
      '中',
      '😀',
      '\u{10ffff}',
      '\u0000',
      '\u007f',
      '\u0080',
      '\u07ff',
    ];
    const mismatches: string[] = [];
    for (let n = 0; n < 500; n++) {
      let text = '';
      for (let i = random.int(12); i > 0; i--) text += random.pick(alphabet);
      if (murmur3(text) !== referenceMurmur3(Buffer.from(text, 'utf8'))) mismatches.push(text);
    }
    expect(mismatches).toEqual([]);
  });
});

/** A byte-array MurmurHash3 x86_32 written from the algorithm's description, to check the streaming encoder. */
function referenceMurmur3(bytes: Uint8Array): number {
  let h = 0;
  const blocks = bytes.length >> 2;
  const mix = (k: number) => Math.imul(rotl(Math.imul(k, 0xcc9e2d51), 15), 0x1b873593);
  for (let i = 0; i < blocks; i++) {
    const k = bytes[4 * i]! | (bytes[4 * i + 1]! << 8) | (bytes[4 * i + 2]! << 16) | (bytes[4 * i + 3]! << 24);
    h = (Math.imul(rotl(h ^ mix(k), 13), 5) + 0xe6546b64) | 0;
  }
  let tail = 0;
  for (let i = bytes.length - 1; i >= blocks * 4; i--) tail = (tail << 8) | bytes[i]!;
  if ((bytes.length & 3) !== 0) h ^= mix(tail);
  h ^= bytes.length;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function rotl(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r));
}
