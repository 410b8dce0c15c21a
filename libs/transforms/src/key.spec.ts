import fc from 'fast-check';
import { encodeKey, GLOBAL_KEY } from './index.js';

describe('encodeKey', () => {
  it('uses a fixed non-empty token for the global key', () => {
    expect(encodeKey([])).toBe(GLOBAL_KEY);
    expect(GLOBAL_KEY).toBe('*');
  });

  it('uses the value itself for a single field', () => {
    expect(encodeKey(['m|1\\'])).toBe('m|1\\');
    expect(encodeKey([-42])).toBe('-42');
  });

  it('escapes backslash and separator in multi-field keys', () => {
    expect(encodeKey(['m-1', 'EUR'])).toBe('m-1|EUR');
    expect(encodeKey(['a|b', 'c'])).toBe('a\\|b|c');
    expect(encodeKey(['a\\', '|c'])).toBe('a\\\\|\\|c');
  });

  it('never gives two different tuples the same encoding', () => {
    const tuple = fc.array(
      fc.oneof(fc.string({ unit: fc.constantFrom('a', '|', '\\', '*') }), fc.integer()),
      {
        minLength: 2,
        maxLength: 3,
      },
    );
    fc.assert(
      fc.property(tuple, tuple, (a, b) => {
        fc.pre(a.length === b.length && JSON.stringify(a) !== JSON.stringify(b));
        expect(encodeKey(a)).not.toBe(encodeKey(b));
      }),
    );
  });
});
