import { identifier, literal, type FieldValue } from '@lambda/schemas';

/** The key of a view without key fields. Cassandra partition keys may not be empty. */
export const GLOBAL_KEY = '*';
const SEPARATOR = '|';
const ESCAPE = '\\';

/**
 * The one encoding of a view key. One field: its value as text (schemas never allow empty
 * strings). Several: each value with `\` and `|` escaped by a backslash, joined by `|`, so two
 * different tuples never share an encoding.
 */
export function encodeKey(values: readonly FieldValue[]): string {
  if (values.length === 0) return GLOBAL_KEY;
  if (values.length === 1) return String(values[0]);
  // A loop with a plain test before the regex: this runs per event and view on the speed path.
  let key = escaped(values[0] as FieldValue);
  for (let i = 1; i < values.length; i++) key += SEPARATOR + escaped(values[i] as FieldValue);
  return key;
}

function escaped(value: FieldValue): string {
  const text = String(value);
  return text.includes(ESCAPE) || text.includes(SEPARATOR)
    ? text.replace(/[\\|]/g, `${ESCAPE}$&`)
    : text;
}

/** `encodeKey` in ClickHouse SQL, over the (never NULL) key columns. */
export function keySql(fields: readonly string[]): string {
  const asText = (field: string) => `toString(${identifier(field)})`;
  if (fields.length === 0) return literal(GLOBAL_KEY);
  if (fields.length === 1) return asText(fields[0] as string);
  const escaped = (field: string) =>
    `replaceAll(replaceAll(${asText(field)}, ${literal(ESCAPE)}, ${literal(ESCAPE + ESCAPE)}), ${literal(SEPARATOR)}, ${literal(ESCAPE + SEPARATOR)})`;
  return `concat(${fields.map(escaped).join(`, ${literal(SEPARATOR)}, `)})`;
}
