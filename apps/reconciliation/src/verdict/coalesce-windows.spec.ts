import { coalesceWindows } from './coalesce-windows.js';

const H = 3_600_000;
const at = (key: string, ...hours: number[]) => hours.map((h) => ({ key, windowStartMs: h * H }));

describe('coalesceWindows', () => {
  it('makes one range per run of adjacent windows of a key', () => {
    expect(
      coalesceWindows([...at('b', 7), ...at('a', 3, 1, 2, 5, 2)], {
        windowMs: H,
        keyed: true,
        maxRanges: 10,
      }),
    ).toEqual([
      { fromMs: 1 * H, toMs: 4 * H, key: 'a' },
      { fromMs: 5 * H, toMs: 6 * H, key: 'a' },
      { fromMs: 7 * H, toMs: 8 * H, key: 'b' },
    ]);
  });

  it('names no key for a view without key fields', () => {
    expect(coalesceWindows(at('*', 1, 2, 4), { windowMs: H, keyed: false, maxRanges: 10 })).toEqual(
      [
        { fromMs: 1 * H, toMs: 3 * H },
        { fromMs: 4 * H, toMs: 5 * H },
      ],
    );
  });

  it('drops the keys when per-key ranges are too many, then spans everything', () => {
    const windows = [...at('a', 1, 3), ...at('b', 2), ...at('c', 6)];
    expect(coalesceWindows(windows, { windowMs: H, keyed: true, maxRanges: 3 })).toEqual([
      { fromMs: 1 * H, toMs: 4 * H },
      { fromMs: 6 * H, toMs: 7 * H },
    ]);
    expect(coalesceWindows(windows, { windowMs: H, keyed: true, maxRanges: 1 })).toEqual([
      { fromMs: 1 * H, toMs: 7 * H },
    ]);
  });

  it('asks for nothing when nothing diverges', () => {
    expect(coalesceWindows([], { windowMs: H, keyed: true, maxRanges: 1 })).toEqual([]);
  });
});
