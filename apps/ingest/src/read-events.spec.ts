import { readEvents } from './read-events.js';

describe('readEvents', () => {
  it('reads a JSON array, or one object as one event', () => {
    expect(readEvents('[{"a":1},{"b":2}]', 'json')).toEqual({
      ok: true,
      items: [
        { parsed: true, value: { a: 1 } },
        { parsed: true, value: { b: 2 } },
      ],
    });
    expect(readEvents('\ufeff {"a":1} ', 'json')).toEqual({
      ok: true,
      items: [{ parsed: true, value: { a: 1 } }],
    });
  });

  it('fails a malformed JSON body as a whole, with an excerpt', () => {
    const body = readEvents(`[{"a":1},${'x'.repeat(5000)}`, 'json');
    expect(body).toMatchObject({ ok: false, message: expect.stringMatching(/^not valid JSON: /) });
    expect(body.ok === false && body.excerpt.length).toBe(2048);
  });

  it('reads NDJSON line by line, skipping blank lines and keeping malformed lines as items', () => {
    expect(readEvents('{"a":1}\r\n\n  \n{"a":\n[1]\n', 'ndjson')).toEqual({
      ok: true,
      items: [
        { parsed: true, value: { a: 1 } },
        { parsed: false, message: expect.stringMatching(/^not valid JSON/), excerpt: '{"a":' },
        { parsed: true, value: [1] },
      ],
    });
  });

  it('finds no events in an empty body or an empty array', () => {
    expect(readEvents('', 'json')).toEqual({ ok: true, items: [] });
    expect(readEvents(' [] ', 'json')).toEqual({ ok: true, items: [] });
    expect(readEvents('\n\n', 'ndjson')).toEqual({ ok: true, items: [] });
  });
});
