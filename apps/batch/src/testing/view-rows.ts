import type { CassandraClient } from '@lambda/cassandra';
import { insertRows, type ClickHouseClient } from '@lambda/clickhouse';
import { masterTableName, parseEvent, toMasterRow, type ParsedEvent } from '@lambda/schemas';
import { documentsOf, generateOrderStream } from '@lambda/testing';
import { createViewExecutor, finalizeWindow, type View, type ViewRow } from '@lambda/transforms';

const byKeyAndWindow = (a: ViewRow, b: ViewRow) =>
  a.key < b.key ? -1 : a.key > b.key ? 1 : a.windowStartMs - b.windowStartMs;

export function parsedEvents(documents: readonly unknown[]): ParsedEvent[] {
  return documents.flatMap((document) => {
    const parsed = parseEvent(document);
    return parsed.ok ? [parsed.event] : [];
  });
}

/** 1,000 order events one minute apart from 24 hours ago: hourly windows batch has settled. */
export const dayOldOrderEvents = (seed: number): ParsedEvent[] =>
  parsedEvents(
    documentsOf(
      generateOrderStream({
        seed,
        count: 1_000,
        startMs: Date.now() - 24 * 3_600_000,
        stepMs: 60_000,
      }),
    ),
  );

/** What the speed executor finalizes for the windows batch serves: the differential oracle. */
export function executorRows(
  view: View,
  events: readonly ParsedEvent[],
  watermarkMs: number,
): ViewRow[] {
  const executor = createViewExecutor({ view, allowedLatenessMs: Infinity });
  for (const event of events) executor.apply(event);
  return executor
    .openPartials()
    .map(finalizeWindow)
    .filter((row) => row.windowStartMs + view.windowMs <= watermarkMs)
    .sort(byKeyAndWindow);
}

/** Every batch_view row of one run, as serving would read it. */
export async function publishedRows(
  cassandra: CassandraClient,
  view: View,
  runId: string,
): Promise<ViewRow[]> {
  const result = await cassandra.execute(
    'SELECT key, window_start, measures FROM batch_view WHERE view_id = ? AND version = ? AND run_id = ? ALLOW FILTERING',
    [view.id, view.version, runId],
    { fetchSize: 100_000 },
  );
  return result.rows
    .map((row) => {
      const stored = (row['measures'] ?? {}) as Record<string, bigint>;
      return {
        key: row['key'] as string,
        windowStartMs: (row['window_start'] as Date).getTime(),
        measures: Object.fromEntries(
          Object.keys(view.measures).map((name) => [name, stored[name] ?? null]),
        ),
      };
    })
    .sort(byKeyAndWindow);
}

/** Puts events straight into the master dataset, as the archiver would have, with made-up coordinates. */
export async function archiveEvents(
  clickhouse: ClickHouseClient,
  events: readonly ParsedEvent[],
  { firstOffset = 0, partitions = 3 } = {},
) {
  const rows = events.map((event, i) =>
    toMasterRow(event, {
      kafkaPartition: i % partitions,
      kafkaOffset: firstOffset + i,
      ingestedAtMs: Date.now(),
    }),
  );
  await insertRows(clickhouse, masterTableName('order'), rows);
}
