import { excerptOfText } from './excerpt.js';

export type BodyFormat = 'json' | 'ndjson';

/** One event of a body: its parsed JSON value, or why its text is not JSON. */
export type BodyItem =
  | { parsed: true; value: unknown }
  | { parsed: false; message: string; excerpt: string };

export type ReadBody =
  | { ok: true; items: BodyItem[] }
  | { ok: false; message: string; excerpt: string };

function parseJson(text: string): BodyItem {
  try {
    return { parsed: true, value: JSON.parse(text) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { parsed: false, message: `not valid JSON: ${reason}`, excerpt: excerptOfText(text) };
  }
}

/**
 * The events of a request body: a JSON array of events or one event object, or NDJSON with one
 * event per non-blank line. A malformed JSON body fails as a whole; a malformed NDJSON line is
 * one invalid item, so the other lines still get their own verdicts.
 */
export function readEvents(body: string, format: BodyFormat): ReadBody {
  const text = body.charCodeAt(0) === 0xfeff ? body.slice(1) : body;
  if (format === 'ndjson')
    return {
      ok: true,
      items: text
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map(parseJson),
    };
  if (text.trim() === '') return { ok: true, items: [] };
  const whole = parseJson(text);
  if (!whole.parsed) return { ok: false, message: whole.message, excerpt: whole.excerpt };
  const values = Array.isArray(whole.value) ? whole.value : [whole.value];
  return { ok: true, items: values.map((value) => ({ parsed: true, value })) };
}
