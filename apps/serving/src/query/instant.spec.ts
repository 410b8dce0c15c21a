import { parseInstant } from './instant.js';

describe('parseInstant', () => {
  it.each([
    ['1772323200000', 1_772_323_200_000],
    ['0', 0],
    ['2026-03-01T00:00:00Z', 1_772_323_200_000],
    ['2026-03-01T00:00Z', 1_772_323_200_000],
    ['2026-03-01T00:00:00.5Z', 1_772_323_200_500],
    ['2026-03-01T00:00:00.050Z', 1_772_323_200_050],
  ])('reads %s', (text, ms) => {
    expect(parseInstant('from', text)).toBe(ms);
  });

  it.each([
    '2026-02-30T00:00:00Z',
    '2026-03-01T24:00:00Z',
    '2026-03-01T00:00:00',
    '2026-03-01T01:00:00+01:00',
    '2026-03-01',
    '-5',
    '1e12',
    'yesterday',
    '',
  ])('refuses %j with a 400 naming the parameter', (text) => {
    expect(() => parseInstant('to', text)).toThrow(
      expect.objectContaining({ status: 400, code: 'invalid_instant', extra: { parameter: 'to' } }),
    );
  });
});
