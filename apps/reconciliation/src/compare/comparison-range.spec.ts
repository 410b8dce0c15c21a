import type { ViewState } from '@lambda/views-store';
import { everyKind } from '../testing/order-event.js';
import { comparisonRange } from './comparison-range.js';

const HOUR = 3_600_000;
const state = (overrides: Partial<ViewState>): ViewState => ({
  viewId: everyKind.id,
  version: 1,
  batchRunId: 'run-1',
  batchWatermarkMs: 100 * HOUR,
  pinnedToBatch: false,
  pinnedReason: null,
  updatedAtMs: null,
  ...overrides,
});

describe('comparisonRange', () => {
  it('covers the windows batch serves that started within the lookback', () => {
    expect(comparisonRange(everyKind, state({}), 101 * HOUR + 5, 48 * HOUR)).toEqual({
      fromMs: 54 * HOUR,
      toMs: 100 * HOUR,
    });
  });

  it('skips a view version without a published run, or with nothing settled in the lookback', () => {
    expect(comparisonRange(everyKind, state({ batchRunId: null }), 0, HOUR)).toEqual({
      skip: 'no published batch run yet',
    });
    expect(comparisonRange(everyKind, state({}), 200 * HOUR, 48 * HOUR)).toMatchObject({
      skip: expect.stringContaining('lookback'),
    });
  });
});
