import type { Request } from 'express';
import { isNotModified, withSpeedWatermark } from './conditional.js';

const withHeader = (value?: string) =>
  ({ headers: value === undefined ? {} : { 'if-none-match': value } }) as Request;

describe('conditional requests', () => {
  const answer = { view: 'v', total: 9_007_199_254_740_993n };
  const now = withSpeedWatermark(answer, Date.UTC(2026, 2, 1), 5);

  it('appends the speed watermark to the answer', () => {
    expect(now.body).toBe(
      '{"view":"v","total":9007199254740993,"speedWatermark":"2026-03-01T00:00:00.000Z"}',
    );
    expect(withSpeedWatermark(answer, null, 5).body).toContain('"speedWatermark":null}');
  });

  it('keeps the validator while only the speed watermark moves', () => {
    expect(now.etag).toMatch(/^W\/"[\w-]+"$/);
    expect(withSpeedWatermark(answer, Date.UTC(2026, 2, 2), 5).etag).toBe(now.etag);
    expect(withSpeedWatermark({ ...answer, total: 1n }, null, 5).etag).not.toBe(now.etag);
  });

  it('matches If-None-Match weakly, in lists and as *', () => {
    const { etag } = now;
    expect(isNotModified(withHeader(), etag)).toBe(false);
    expect(isNotModified(withHeader(etag), etag)).toBe(true);
    expect(isNotModified(withHeader(etag.slice(2)), etag)).toBe(true);
    expect(isNotModified(withHeader(`"other", ${etag}`), etag)).toBe(true);
    expect(isNotModified(withHeader('"other"'), etag)).toBe(false);
    expect(isNotModified(withHeader('*'), etag)).toBe(true);
  });
});
