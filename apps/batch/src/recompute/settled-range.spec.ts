import { batchWatermarkMs, servedWindowsOf } from './settled-range.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const noon = Date.UTC(2026, 0, 10, 12, 30);

describe('batchWatermarkMs', () => {
  it('is the last window end at least the settle delay ago', () => {
    expect(batchWatermarkMs(HOUR, noon, HOUR)).toBe(Date.UTC(2026, 0, 10, 11));
    expect(batchWatermarkMs(HOUR, noon, 0)).toBe(Date.UTC(2026, 0, 10, 12));
  });

  it('is aligned to each view’s own window', () => {
    expect(batchWatermarkMs(DAY, noon, HOUR)).toBe(Date.UTC(2026, 0, 10));
    expect(batchWatermarkMs(5 * 60_000, noon, 0)).toBe(noon);
  });

  it('settles a window exactly when it is the settle delay old', () => {
    const end = Date.UTC(2026, 0, 10, 12);
    expect(batchWatermarkMs(HOUR, end + HOUR - 1, HOUR)).toBe(end - HOUR);
    expect(batchWatermarkMs(HOUR, end + HOUR, HOUR)).toBe(end);
  });
});

describe('servedWindowsOf', () => {
  const watermark = Date.UTC(2026, 0, 10, 12);

  it('widens a range to whole windows', () => {
    const range = { fromMs: Date.UTC(2026, 0, 10, 3, 15), toMs: Date.UTC(2026, 0, 10, 5, 1) };
    expect(servedWindowsOf(HOUR, range, watermark)).toEqual({
      fromMs: Date.UTC(2026, 0, 10, 3),
      toMs: Date.UTC(2026, 0, 10, 6),
    });
  });

  it('keeps to the windows batch already serves', () => {
    const range = { fromMs: Date.UTC(2026, 0, 10, 10), toMs: Date.UTC(2026, 0, 10, 20) };
    expect(servedWindowsOf(HOUR, range, watermark)).toEqual({
      fromMs: range.fromMs,
      toMs: watermark,
    });
    expect(
      servedWindowsOf(HOUR, { fromMs: watermark, toMs: watermark + HOUR }, watermark),
    ).toBeUndefined();
  });
});
