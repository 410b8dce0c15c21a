import { parseWindowMs, windowStartMs } from './index.js';

describe('parseWindowMs', () => {
  it.each([
    ['30s', 30_000],
    ['5m', 300_000],
    ['1h', 3_600_000],
    ['1d', 86_400_000],
  ])('reads %s', (spec, ms) => {
    expect(parseWindowMs(spec)).toBe(ms);
  });

  it.each(['', '0m', '-5m', '1.5h', '5', 'h', '1w', '05m', '1 h'])('rejects %j', (spec) => {
    expect(parseWindowMs(spec)).toBeUndefined();
  });
});

describe('windowStartMs', () => {
  const hour = 3_600_000;
  const edge = Date.UTC(2026, 10, 22, 10);

  it('puts an event exactly on an edge in the window that starts there', () => {
    expect(windowStartMs(edge, hour)).toBe(edge);
  });

  it('puts an event 1 ms before an edge in the previous window', () => {
    expect(windowStartMs(edge - 1, hour)).toBe(edge - hour);
  });

  it('aligns days to UTC midnight', () => {
    expect(windowStartMs(Date.UTC(2026, 10, 22, 23, 59, 59, 999), 86_400_000)).toBe(
      Date.UTC(2026, 10, 22),
    );
  });
});
