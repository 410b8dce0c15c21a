import {
  count,
  defineView,
  distinct,
  eq,
  max,
  oneOf,
  range,
  ratio,
  sum,
  ViewDefinitionError,
} from './index.js';

const valid = {
  id: 'test_view',
  version: 1,
  description: 'A view for tests.',
  source: { type: 'order', versions: [1, 2] },
  key: ['merchant_id'],
  window: '1h',
  measures: { orders: count(), revenue_minor: sum('amount_minor') },
};

/** Declarations built at runtime (e.g. loaded from config) reach the checks without the compiler's help. */
const define = (overrides: Record<string, unknown>) =>
  defineView({ ...valid, ...overrides } as unknown as Parameters<typeof defineView>[0]);

const problemsOf = (overrides: Record<string, unknown>): readonly string[] => {
  try {
    define(overrides);
  } catch (error) {
    if (error instanceof ViewDefinitionError) return error.problems;
    throw error;
  }
  throw new Error('expected the definition to be rejected');
};

describe('defineView', () => {
  it('returns the validated view with its window length', () => {
    const view = define({ derived: { avg: ratio('revenue_minor', 'orders') } });
    expect(view).toMatchObject({
      id: 'test_view',
      version: 1,
      windowMs: 3_600_000,
      key: ['merchant_id'],
      filter: undefined,
    });
    expect(view.derived).toEqual({
      avg: { kind: 'ratio', numerator: 'revenue_minor', denominator: 'orders' },
    });
  });

  it('names the view and every problem in one typed error', () => {
    expect(() => define({ window: '1w', key: ['coupon_code'] })).toThrow(ViewDefinitionError);
    expect(() => define({ window: '1w', key: ['coupon_code'] })).toThrow(
      'view test_view v1 is invalid: window "1w" is not a positive whole number of s, m, h or d (e.g. 5m, 1h, 1d); ' +
        'key field coupon_code is optional or absent in order v1, v2; key fields must always be present',
    );
  });

  it.each([
    [{ id: 'Test-View' }, 'id "Test-View" is not snake_case'],
    [{ version: 0 }, 'version 0 is not a positive integer'],
    [{ description: ' ' }, 'description is empty'],
    [{ source: { type: 'refund', versions: [1] } }, 'source type "refund" is unknown'],
    [{ source: { type: 'order', versions: [] } }, 'source versions are empty'],
    [
      { source: { type: 'order', versions: [1, 3] } },
      'source order has no schema version 3 (known: 1, 2)',
    ],
    [{ source: { type: 'order', versions: [1, 1] } }, 'source version 1 is listed twice'],
    [
      { key: ['loyalty_tier'] },
      'key field loyalty_tier is optional or absent in order v1, v2; key fields must always be present',
    ],
    [{ key: ['merchant', 'currency'] }, 'key field merchant is unknown'],
    [{ key: ['currency', 'currency'] }, 'key field currency is listed twice'],
    [{ measures: {} }, 'a view needs at least one measure'],
    [
      { measures: { total: sum('currency') } },
      'measure total: sum needs an integer field, currency holds text',
    ],
    [
      { measures: { top: max('status') } },
      'measure top: max needs an integer field, status holds text',
    ],
    [{ measures: { n: distinct('customer') } }, 'measure n: unknown field customer'],
    [{ measures: { key: count() } }, 'measure name key is reserved'],
    [{ measures: { 'Orders!': count() } }, 'measure name "Orders!" is not snake_case'],
    [
      { derived: { orders: ratio('revenue_minor', 'orders') } },
      'derived measure orders has the name of a measure',
    ],
    [
      { derived: { avg: ratio('revenue', 'orders') } },
      'derived measure avg references unknown measure revenue',
    ],
  ])('rejects %j', (overrides, problem) => {
    expect(problemsOf(overrides)).toEqual([problem]);
  });

  it.each([
    [eq('status', 'paid'), /filter: "paid" can never equal field status \(Invalid option/],
    [eq('amount_minor', '5'), /filter: "5" can never equal field amount_minor/],
    [eq('currency', 'eur'), /filter: "eur" can never equal field currency/],
    [oneOf('status', []), /filter: oneOf\(status\) needs at least one value/],
    [range('status', { gte: 1 }), /filter: range over status needs an integer field/],
    [range('amount_minor', {}), /filter: range over amount_minor needs a bound/],
    [
      range('amount_minor', { gte: 1, gt: 2 }),
      /filter: range over amount_minor has both gte and gt/,
    ],
    [
      range('amount_minor', { lt: 0.5 }),
      /filter: range bound lt of amount_minor must be a safe integer/,
    ],
    [eq('coupon', 'x'), /filter: unknown field coupon \(known: order_id, .*loyalty_tier\)/],
  ])('rejects the filter %j', (filter, problem) => {
    expect(problemsOf({ filter })).toEqual([expect.stringMatching(problem)]);
  });

  it('checks measure-level filters too', () => {
    expect(problemsOf({ measures: { created: count({ where: eq('status', 'new') }) } })).toEqual([
      expect.stringMatching(/^measure created where: "new" can never equal field status/),
    ]);
  });

  it('allows filters on fields only newer versions have (older events read as missing)', () => {
    expect(() => define({ filter: eq('loyalty_tier', 'gold') })).not.toThrow();
  });

  it('rejects an unknown field at compile time as well when declared in code', () => {
    const declare = () =>
      defineView({
        ...valid,
        source: { type: 'order', versions: [1] },
        key: ['merchant_id'],
        window: '1h',
        // @ts-expect-error loyalty_tier is not a field of order v1
        measures: { tiers: distinct('loyalty_tier') },
      });
    expect(declare).toThrow('measure tiers: unknown field loyalty_tier');
  });
});
