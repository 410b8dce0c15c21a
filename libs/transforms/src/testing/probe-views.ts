import { defineView } from '../define-view.js';
import { count, distinct, max, min, sum } from '../measures.js';
import { and, eq, isMissing, not, oneOf, or, range } from '../predicate.js';

/**
 * Views that only tests run: they reach the corners the shipped views do not (missing
 * fields under not/or, ranges, integer and multi-field keys, single-version sources).
 */
export const probeViews = [
  defineView({
    id: 'probe_missing_fields',
    version: 1,
    description: 'Two-valued logic over optional and v2-only fields.',
    source: { type: 'order', versions: [1, 2] },
    filter: not(eq('coupon_code', 'SAVE10')),
    key: ['status'],
    window: '1h',
    measures: {
      without_channel: count({ where: isMissing('channel') }),
      not_web: count({ where: not(eq('channel', 'web')) }),
      gold_or_online: count({
        where: or(eq('loyalty_tier', 'gold'), oneOf('channel', ['web', 'app'])),
      }),
      mid_amounts: count({ where: range('amount_minor', { gte: 0, lt: 1000 }) }),
      outside_amounts: count({ where: not(range('amount_minor', { gt: -500, lte: 500 })) }),
      coupons: distinct('coupon_code'),
      tiers: distinct('loyalty_tier'),
      tiered_minor: sum('amount_minor', {
        where: and(not(isMissing('loyalty_tier')), not(eq('loyalty_tier', 'silver'))),
      }),
      quoted_coupon_min: min('amount_minor', { where: eq('coupon_code', "it's") }),
      no_coupon_max: max('amount_minor', { where: isMissing('coupon_code') }),
    },
  }),
  defineView({
    id: 'probe_integer_key',
    version: 1,
    description: 'An integer in a multi-field key, over a single schema version.',
    source: { type: 'order', versions: [1] },
    key: ['amount_minor', 'merchant_id'],
    window: '5m',
    measures: {
      orders: count(),
      customers: distinct('customer_id'),
      amounts: distinct('amount_minor'),
    },
  }),
];
