import { compareUtf8 } from './compare-utf8';
import { createSeededRandom } from './testing/seeded-random';

const sign = (n: number) => Math.sign(n);

describe('compareUtf8', () => {
  it.each([
    ['b', 'a', 1],
    ['a', 'b', -1],
    ['a', 'a', 0],
    ['10', '9', -1],
    ['ab', 'a', 1],
    ['', 'a', -1],
    ['é', 'z', 1],
    ['😀', '\uffff', 1],
    ['\ue000', '😀', -1],
    ['a\ud800', 'a\ufffd', 0],
  ])('compares %p with %p as %i', (a, b, expected) => {
    expect(sign(compareUtf8(a, b))).toBe(expected);
  });

  it('orders generated strings as Buffer.compare orders their UTF-8 bytes', () => {
    const random = createSeededRandom(7);
    const alphabet = ['a', 'b', 'A', '9', 'é', '\uffff', '\ue000', '😀', '𝄞', '中', '\ud800'];
    const word = () => Array.from({ length: random.int(5) }, () => random.pick(alphabet)).join('');
    const mismatches: string[][] = [];
    for (let i = 0; i < 2000; i++) {
      const [a, b] = [word(), word()];
      if (sign(compareUtf8(a, b)) !== Buffer.compare(Buffer.from(a), Buffer.from(b))) mismatches.push([a, b]);
    }
    expect(mismatches).toEqual([]);
  });
});
