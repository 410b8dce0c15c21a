import type { MeasureComparison } from './compare-window.js';
import { createDivergenceTally, ratio, ratiosOf, worstUnexplained } from './divergence.js';

const comparison = (overrides: Partial<MeasureComparison>): MeasureComparison => ({
  measure: 'orders',
  speed: 0n,
  batch: 0n,
  expected: 0n,
  batchMagnitude: 0n,
  divergence: 0n,
  explained: 0n,
  unexplained: 0n,
  kind: undefined,
  ...overrides,
});

describe('divergence rate', () => {
  it('weights every window by its batch magnitude', () => {
    const tally = createDivergenceTally(['orders', 'revenue']);
    tally.add([
      comparison({ batchMagnitude: 100n, divergence: 3n, explained: 3n, kind: 'late' }),
      comparison({ measure: 'revenue', batchMagnitude: 10_000n }),
    ]);
    tally.add([
      comparison({
        batchMagnitude: 900n,
        divergence: 7n,
        explained: 2n,
        unexplained: 5n,
        kind: 'unexplained',
      }),
      comparison({ measure: 'revenue', batchMagnitude: 0n }),
    ]);
    expect(tally.windows).toBe(2);
    const [orders, revenue] = tally.measures();
    expect(orders).toEqual({
      measure: 'orders',
      batchMagnitude: 1000n,
      divergence: 10n,
      explained: 5n,
      unexplained: 5n,
      divergingWindows: 2,
      unexplainedWindows: 1,
    });
    expect(ratiosOf(orders!)).toEqual({ total: 0.01, explained: 0.005, unexplained: 0.005 });
    expect(ratiosOf(revenue!)).toEqual({ total: 0, explained: 0, unexplained: 0 });
    expect(worstUnexplained(tally.measures())).toBe(0.005);
  });

  it('reads a difference against nothing in batch as total divergence, not infinity', () => {
    expect(ratio(0n, 0n)).toBe(0);
    expect(ratio(5n, 0n)).toBe(1);
    expect(ratio(3n, 2n)).toBe(1.5);
  });

  it('keeps exact sums beyond 2^53 and still gives a ratio', () => {
    const tally = createDivergenceTally(['sum']);
    const big = 2n ** 62n;
    tally.add([
      comparison({
        measure: 'sum',
        batchMagnitude: big,
        divergence: big / 4n,
        unexplained: big / 4n,
      }),
    ]);
    tally.add([comparison({ measure: 'sum', batchMagnitude: big })]);
    expect(tally.measures()[0]?.batchMagnitude).toBe(2n ** 63n);
    expect(ratiosOf(tally.measures()[0]!).unexplained).toBe(0.125);
  });
});
