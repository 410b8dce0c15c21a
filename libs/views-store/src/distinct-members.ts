import { textSetMap } from './cassandra-rows.js';

/**
 * speed_view keeps distinct values in `distinct_members`, a plain set of `measure\0value` members:
 * a write adds only the values new since the last one. (`distinct_values`, a map of frozen sets,
 * had to be rewritten whole on every write: for a daily distinct view, every customer of the day
 * again on each flush.) Measure names are snake_case, so the first NUL ends the name. Each member
 * lives the row TTL from its own write, while measures live it from the row's last write: a
 * window older than the TTL may count fewer distinct values than it had (ADR 9).
 */
const SEPARATOR = '\u0000';

/** The members that add these values of each distinct measure. */
export function distinctMembers(values: Readonly<Record<string, Iterable<string>>>): string[] {
  const members: string[] = [];
  for (const [name, measureValues] of Object.entries(values))
    for (const value of measureValues) members.push(name + SEPARATOR + value);
  return members;
}

/**
 * Each distinct measure's values in a speed_view row: its `distinct_members`, united with the
 * `distinct_values` of a row first written before that column existed (rows live as long as the
 * row TTL after an upgrade).
 */
export function speedDistinctValues(
  row: Readonly<Record<string, unknown>>,
): Record<string, readonly string[]> {
  const values: Record<string, string[]> = {};
  for (const member of (row['distinct_members'] as readonly string[] | null | undefined) ?? []) {
    const at = member.indexOf(SEPARATOR);
    (values[member.slice(0, at)] ??= []).push(member.slice(at + 1));
  }
  for (const [name, legacy] of Object.entries(textSetMap(row['distinct_values'])))
    values[name] = [...new Set([...legacy, ...(values[name] ?? [])])];
  return values;
}
