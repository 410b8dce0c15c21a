import type { Request } from 'express';
import { answerBody, isNotModified, renderAnswer } from './conditional.js';

const withHeader = (value?: string) =>
  ({ headers: value === undefined ? {} : { 'if-none-match': value } }) as Request;

describe('conditional requests', () => {
  const answer = { view: 'v', total: 9_007_199_254_740_993n };
  const now = renderAnswer(answer, 5);

  it('appends the speed watermark to the answer', () => {
    expect(answerBody(now, Date.UTC(2026, 2, 1)).toString()).toBe(
      '{"view":"v","total":9007199254740993,"speedWatermark":"2026-03-01T00:00:00.000Z"}',
    );
    expect(answerBody(now, null).toString()).toContain('"speedWatermark":null}');
    expect(now.cacheControl).toBe('private, max-age=5');
  });

  it('keeps the validator while only the speed watermark moves', () => {
    expect(now.etag).toMatch(/^W\/"[\w-]+"$/);
    expect(renderAnswer(answer, 5).etag).toBe(now.etag);
    expect(renderAnswer({ ...answer, total: 1n }, 5).etag).not.toBe(now.etag);
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
