/** Longest excerpt of a rejected event or body kept for the DLQ. */
export const EXCERPT_MAX_CHARS = 2048;

export const excerptOfText = (text: string): string => text.slice(0, EXCERPT_MAX_CHARS);

/** The JSON text of a parsed value, cut to the excerpt length. */
export function excerptOfValue(value: unknown): string {
  try {
    return excerptOfText(JSON.stringify(value) ?? String(value));
  } catch {
    // JSON.parse accepts nesting deeper than JSON.stringify can recurse: say so instead of failing.
    return '(not re-serializable: nested too deeply)';
  }
}
