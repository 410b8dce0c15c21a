import { unpackEventIds } from '@lambda/transforms';

/**
 * Every event_id a speed_view row holds: its `event_id_chunks`, each the ids a write added as the
 * window's EventIdSet packs them (one blob per write instead of a set cell per id: ADR 10), and the
 * `event_ids` of a row written before chunks existed (such rows live as long as the row TTL after
 * an upgrade).
 */
export function storedEventIds(row: Readonly<Record<string, unknown>>): string[] {
  const ids = [...((row['event_ids'] as readonly string[] | null | undefined) ?? [])];
  for (const chunk of (row['event_id_chunks'] as readonly Buffer[] | null | undefined) ?? [])
    ids.push(...unpackEventIds(chunk));
  return ids;
}
