import { and, compilePredicate, eq, isMissing, not, oneOf, or, range } from './index.js';

describe('compilePredicate', () => {
  it('wraps each comparison so that a NULL field gives 0, never NULL', () => {
    expect(compilePredicate(eq('status', 'completed'))).toBe("ifNull(`status` = 'completed', 0)");
    expect(compilePredicate(oneOf('amount_minor', [1, -2]))).toBe(
      'ifNull(`amount_minor` IN (1, -2), 0)',
    );
    expect(compilePredicate(range('amount_minor', { gt: -5, lte: 10 }))).toBe(
      'ifNull(`amount_minor` > -5 AND `amount_minor` <= 10, 0)',
    );
  });

  it('compiles isMissing and the connectives', () => {
    expect(compilePredicate(not(and(isMissing('coupon_code'), or(eq('a', 1), eq('b', 2)))))).toBe(
      'not((isNull(`coupon_code`) AND (ifNull(`a` = 1, 0) OR ifNull(`b` = 2, 0))))',
    );
  });

  it('escapes values and validates field names', () => {
    expect(compilePredicate(eq('merchant_id', "x') OR 1=1 --"))).toBe(
      "ifNull(`merchant_id` = 'x\\') OR 1=1 --', 0)",
    );
    expect(() => compilePredicate(eq('status` OR 1', 'x'))).toThrow(/identifier/);
  });
});
