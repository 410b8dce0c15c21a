import { and, eq, evaluatePredicate, isMissing, not, oneOf, or, range } from './index.js';

const fields = { status: 'completed', amount_minor: 500, coupon_code: null };

describe('evaluatePredicate', () => {
  it('compares present values', () => {
    expect(evaluatePredicate(eq('status', 'completed'), fields)).toBe(true);
    expect(evaluatePredicate(eq('status', 'created'), fields)).toBe(false);
    expect(evaluatePredicate(oneOf('status', ['created', 'completed']), fields)).toBe(true);
    expect(evaluatePredicate(range('amount_minor', { gte: 500, lt: 501 }), fields)).toBe(true);
    expect(evaluatePredicate(range('amount_minor', { gt: 500 }), fields)).toBe(false);
  });

  it('never matches a text value against an integer range', () => {
    expect(evaluatePredicate(range('status', { gte: 0 }), fields)).toBe(false);
  });

  describe('on a missing field (two-valued logic)', () => {
    it.each([
      ['eq', eq('coupon_code', 'SAVE10')],
      ['oneOf', oneOf('coupon_code', ['SAVE10'])],
      ['range', range('coupon_code', { gte: 0 })],
    ])('%s is false', (_name, predicate) => {
      expect(evaluatePredicate(predicate, fields)).toBe(false);
    });

    it('not(eq) is true', () => {
      expect(evaluatePredicate(not(eq('coupon_code', 'SAVE10')), fields)).toBe(true);
    });

    it('isMissing is true, also for a field the event version lacks', () => {
      expect(evaluatePredicate(isMissing('coupon_code'), fields)).toBe(true);
      expect(evaluatePredicate(isMissing('loyalty_tier'), fields)).toBe(true);
      expect(evaluatePredicate(isMissing('status'), fields)).toBe(false);
    });
  });

  it('combines with and, or and not', () => {
    const completedWithoutCoupon = and(eq('status', 'completed'), isMissing('coupon_code'));
    expect(evaluatePredicate(completedWithoutCoupon, fields)).toBe(true);
    expect(evaluatePredicate(or(eq('status', 'created'), eq('coupon_code', 'X')), fields)).toBe(
      false,
    );
    expect(
      evaluatePredicate(not(or(eq('status', 'created'), eq('coupon_code', 'X'))), fields),
    ).toBe(true);
  });
});
