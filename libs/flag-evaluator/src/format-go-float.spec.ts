import { formatGoFloat } from './format-go-float';

// Expected strings are Go's strconv.FormatFloat(v, 'f', -1, 64) (spec/evaluation.md §2.3).
const cases: [number, string][] = [
  [0, '0'],
  [-0, '-0'],
  [100, '100'],
  [1.5, '1.5'],
  [-0.25, '-0.25'],
  [0.1, '0.1'],
  [0.30000000000000004, '0.30000000000000004'],
  [1e21, '1000000000000000000000'],
  [1.5e21, '1500000000000000000000'],
  [123456789e20, '12345678900000000000000000000'],
  [-1e21, '-1000000000000000000000'],
  [1e-7, '0.0000001'],
  [1.5e-7, '0.00000015'],
  [0.000001, '0.000001'],
  [1.2345e-10, '0.00000000012345'],
  [5e-324, `0.${'0'.repeat(323)}5`],
  [1.7976931348623157e308, `17976931348623157${'0'.repeat(292)}`],
  [Number.MAX_SAFE_INTEGER, '9007199254740991'],
  [NaN, 'NaN'],
  [Infinity, '+Inf'],
  [-Infinity, '-Inf'],
];

describe('formatGoFloat', () => {
  it.each(cases)('writes %p as %s', (value, expected) => {
    expect(formatGoFloat(value)).toBe(expected);
  });
});
