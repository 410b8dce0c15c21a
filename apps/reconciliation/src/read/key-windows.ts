import type { CassandraClient } from '@lambda/cassandra';
import type { View, WindowPartial } from '@lambda/transforms';
import {
  readAppliedEventIds,
  readBatchRows,
  readLateEvents,
  readSpeedRows,
} from '@lambda/views-store';
import type { ComparisonRange } from '../compare/comparison-range.js';
import { mergeSpeedRows } from '../compare/speed-partial.js';

/** Everything both layers hold for one key over the range, by window start. */
export interface KeyWindows {
  key: string;
  batch: Map<number, Readonly<Record<string, bigint>>>;
  speed: Map<number, WindowPartial>;
  /** The late events speed recorded, by window. */
  lateEventIds: Map<number, Set<string>>;
  /** For windows with late events only: the event_ids speed applied. */
  appliedEventIds: Map<number, Set<string>>;
}

/** One key's rows from batch_view (the published run), speed_view and speed_late_events. */
export async function readKeyWindows(
  cassandra: CassandraClient,
  view: View,
  publishedRunId: string,
  key: string,
  { fromMs, toMs }: ComparisonRange,
): Promise<KeyWindows> {
  const query = {
    viewId: view.id,
    version: view.version,
    key,
    windowMs: view.windowMs,
    fromMs,
    toMs,
  };
  const [batchRows, speedRows, lateEvents] = await Promise.all([
    readBatchRows(cassandra, { ...query, runId: publishedRunId }),
    readSpeedRows(cassandra, query),
    readLateEvents(cassandra, query),
  ]);
  const lateEventIds = new Map<number, Set<string>>();
  for (const { windowStartMs, eventId } of lateEvents)
    lateEventIds.set(windowStartMs, (lateEventIds.get(windowStartMs) ?? new Set()).add(eventId));
  const speed = mergeSpeedRows(view, key, speedRows);
  const appliedEventIds = new Map<number, Set<string>>();
  await Promise.all(
    [...lateEventIds.keys()]
      .filter((windowStartMs) => speed.has(windowStartMs))
      .map(async (windowStartMs) =>
        appliedEventIds.set(
          windowStartMs,
          await readAppliedEventIds(cassandra, { ...query, windowStartMs }),
        ),
      ),
  );
  return {
    key,
    batch: new Map(batchRows.map((row) => [row.windowStartMs, row.measures])),
    speed,
    lateEventIds,
    appliedEventIds,
  };
}
