// Answers name the same few window boundaries over and over, and Date#toISOString costs about a
// microsecond: remember them, up to a bound, then start afresh.
const formatted = new Map<number, string>();
const MAX_REMEMBERED = 100_000;

/** An instant as ISO-8601 UTC with milliseconds, e.g. `2026-03-01T00:00:00.000Z`. */
export function isoInstant(ms: number): string {
  let text = formatted.get(ms);
  if (text === undefined) {
    text = new Date(ms).toISOString();
    if (formatted.size >= MAX_REMEMBERED) formatted.clear();
    formatted.set(ms, text);
  }
  return text;
}
