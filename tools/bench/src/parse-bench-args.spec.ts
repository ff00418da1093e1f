import { parseBenchArgs, readCountOption } from './parse-bench-args';

describe('parseBenchArgs', () => {
  it.each([
    [['evaluator'], { scenario: 'evaluator', options: {} }],
    [['evaluator', '--targets', '500'], { scenario: 'evaluator', options: { targets: '500' } }],
    [['--targets=500', 'evaluator', '--quick'], { scenario: 'evaluator', options: { targets: '500', quick: 'true' } }],
    [[], { scenario: undefined, options: {} }],
  ])('parses %j', (argv, expected) => {
    expect(parseBenchArgs(argv)).toEqual(expected);
  });
});

describe('readCountOption', () => {
  it('reads a positive integer or falls back', () => {
    expect(readCountOption({ targets: '500' }, 'targets', 10)).toBe(500);
    expect(readCountOption({}, 'targets', 10)).toBe(10);
  });

  it('refuses anything else', () => {
    expect(() => readCountOption({ targets: 'many' }, 'targets', 10)).toThrow(
      "--targets must be a positive integer, got 'many'",
    );
    expect(() => readCountOption({ targets: '0' }, 'targets', 10)).toThrow('positive integer');
  });
});
