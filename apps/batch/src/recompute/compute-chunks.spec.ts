import { computeChunks } from './compute-chunks.js';

const HOUR = 3_600_000;
const windows = (...rows: number[]) => rows.map((n, i) => ({ windowStartMs: i * HOUR, rows: n }));

describe('computeChunks', () => {
  it('packs consecutive windows up to the row limit', () => {
    expect(computeChunks(windows(3, 3, 3, 1), HOUR, 6)).toEqual([
      { fromMs: 0, toMs: 2 * HOUR, rows: 6 },
      { fromMs: 2 * HOUR, toMs: 4 * HOUR, rows: 4 },
    ]);
  });

  it('gives a window bigger than the limit a range of its own', () => {
    expect(computeChunks(windows(1, 10, 1), HOUR, 5)).toEqual([
      { fromMs: 0, toMs: HOUR, rows: 1 },
      { fromMs: HOUR, toMs: 2 * HOUR, rows: 10 },
      { fromMs: 2 * HOUR, toMs: 3 * HOUR, rows: 1 },
    ]);
  });

  it('spans the gaps between windows that have rows', () => {
    const sparse = [
      { windowStartMs: 0, rows: 1 },
      { windowStartMs: 5 * HOUR, rows: 1 },
    ];
    expect(computeChunks(sparse, HOUR, 10)).toEqual([{ fromMs: 0, toMs: 6 * HOUR, rows: 2 }]);
  });

  it('has nothing to compute without rows', () => {
    expect(computeChunks([], HOUR, 10)).toEqual([]);
  });
});
