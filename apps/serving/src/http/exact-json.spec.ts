import { exactJson } from './exact-json.js';

describe('exactJson', () => {
  it('writes bigints with every digit, beyond 2^53 and negative', () => {
    expect(exactJson({ a: 9_007_199_254_740_993n, b: [-9_223_372_036_854_775_808n, 0n] })).toBe(
      '{"a":9007199254740993,"b":[-9223372036854775808,0]}',
    );
  });

  it('writes everything else as JSON.stringify does', () => {
    const value = { s: 'quote " and \u2028', n: 1.5, t: true, z: null, nested: { e: [] } };
    expect(exactJson(value)).toBe(JSON.stringify(value));
    expect(exactJson(Number.NaN)).toBe('null');
  });
});
