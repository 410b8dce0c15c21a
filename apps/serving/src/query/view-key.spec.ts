import { revenueV1, statusGlobal } from '../test-support/views.js';
import { refuseUnknown, singleValued } from './query-params.js';
import { parseViewKey } from './view-key.js';

describe('parseViewKey', () => {
  it('encodes one parameter per key field, in the view’s field order', () => {
    expect(parseViewKey(revenueV1, { currency: 'EUR', merchant_id: 'm|1' })).toEqual({
      fields: { merchant_id: 'm|1', currency: 'EUR' },
      encoded: 'm\\|1|EUR',
    });
  });

  it('gives a view without key fields the global key', () => {
    expect(parseViewKey(statusGlobal, {})).toEqual({ fields: {}, encoded: '*' });
  });

  it.each<Record<string, string>>([{ merchant_id: 'm-1' }, { merchant_id: 'm-1', currency: '' }])(
    'refuses a missing or empty key field: %j',
    (params) => {
      expect(() => parseViewKey(revenueV1, params)).toThrow(
        expect.objectContaining({
          status: 400,
          code: 'missing_key',
          message:
            'View test_revenue_hourly v1 is keyed by merchant_id, currency; give each as a non-empty query parameter (missing: currency).',
        }),
      );
    },
  );
});

describe('query parameters', () => {
  it('refuses a repeated parameter', () => {
    expect(() => singleValued({ from: ['1', '2'], to: '3' })).toThrow(
      expect.objectContaining({ status: 400, code: 'repeated_parameter' }),
    );
  });

  it('refuses an unknown parameter, listing the ones the request takes', () => {
    expect(() => refuseUnknown({ from: '1', merchant: 'm-1' }, ['from', 'merchant_id'])).toThrow(
      expect.objectContaining({
        status: 400,
        code: 'unknown_parameter',
        message: 'Unknown query parameter merchant; this request takes from, merchant_id.',
      }),
    );
  });
});
