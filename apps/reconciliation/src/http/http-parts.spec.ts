import type { HttpProblem } from '@lambda/http';
import { exactJson } from './exact-json.js';
import { decodeCursor, encodeCursor } from './page-cursor.js';
import { parseRunsQuery } from './runs-query.js';

describe('exactJson', () => {
  it('writes bigints with every digit, and strings that look like its marker as strings', () => {
    expect(exactJson({ a: 2n ** 63n - 1n, b: -5n, c: null, d: 'bigint-123' })).toBe(
      '{"a":9223372036854775807,"b":-5,"c":null,"d":"bigint-123"}',
    );
  });
});

describe('page cursors', () => {
  it('round-trip and refuse anything else', () => {
    const cursor = { startedAtMs: 1_700_000_000_000, runId: 'recon.v.v1.x' };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    expect(decodeCursor('nonsense')).toBeUndefined();
    expect(decodeCursor(Buffer.from('[1.5,"x"]').toString('base64url'))).toBeUndefined();
  });
});

describe('parseRunsQuery', () => {
  const problemOf = (query: Record<string, unknown>) => {
    try {
      parseRunsQuery(query);
    } catch (error) {
      return error as HttpProblem;
    }
    throw new Error('expected a problem');
  };

  it('applies defaults and reads the filters', () => {
    expect(parseRunsQuery({})).toEqual({ limit: 20, windows: 100 });
    expect(parseRunsQuery({ limit: '5', windows: '0', view: 'v', version: '2' })).toEqual({
      limit: 5,
      windows: 0,
      viewId: 'v',
      version: 2,
    });
  });

  it('refuses unknown, repeated and out-of-range parameters with a 400 naming them', () => {
    expect(problemOf({ limt: '5' })).toMatchObject({
      status: 400,
      message: 'unknown parameter limt',
    });
    expect(problemOf({ limit: ['1', '2'] }).message).toMatch(/^limit: /);
    expect(problemOf({ limit: '0' }).message).toMatch(/^limit: /);
    expect(problemOf({ before: 'x' }).message).toBe('before: not a cursor this API gave out');
  });
});
