import { revenueV1 } from '../test-support/views.js';
import { parseWindowRange } from './window-range.js';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 2, 1);

const problemOf = (params: { from?: string; to?: string }, maxWindows = 48) => {
  try {
    parseWindowRange(revenueV1, params, maxWindows);
  } catch (error) {
    return error as { status: number; code: string; message: string };
  }
  throw new Error('expected a problem');
};

describe('parseWindowRange', () => {
  it('accepts an aligned half-open range in either format', () => {
    expect(
      parseWindowRange(revenueV1, { from: '2026-03-01T00:00:00Z', to: String(T0 + 24 * HOUR) }, 48),
    ).toEqual({ fromMs: T0, toMs: T0 + 24 * HOUR });
  });

  it('accepts exactly the maximum number of windows and refuses one more', () => {
    expect(
      parseWindowRange(revenueV1, { from: String(T0), to: String(T0 + 48 * HOUR) }, 48),
    ).toEqual({ fromMs: T0, toMs: T0 + 48 * HOUR });
    expect(problemOf({ from: String(T0), to: String(T0 + 49 * HOUR) })).toMatchObject({
      status: 400,
      code: 'range_too_large',
      message: 'The range spans 49 windows of 1h; at most 48 are served per request.',
    });
  });

  it('requires both bounds', () => {
    expect(problemOf({ from: String(T0) })).toMatchObject({
      status: 400,
      code: 'missing_parameter',
    });
  });

  it.each([
    [T0 + HOUR, T0],
    [T0, T0],
  ])('refuses an inverted or empty range', (from, to) => {
    expect(problemOf({ from: String(from), to: String(to) })).toMatchObject({
      status: 400,
      code: 'invalid_range',
    });
  });

  it('refuses an unaligned bound, naming the window size', () => {
    expect(problemOf({ from: '2026-03-01T00:30:00Z', to: String(T0 + HOUR) })).toMatchObject({
      status: 400,
      code: 'unaligned_range',
      message:
        'from (2026-03-01T00:30:00.000Z) is not on a window boundary: view test_revenue_hourly has 1h windows (3600000 ms), starting at multiples of 3600000 ms since the epoch (UTC).',
    });
  });
});
