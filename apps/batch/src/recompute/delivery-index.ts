import { queryRows, runStatement } from '@lambda/clickhouse';
import { identifier, literal } from '@lambda/schemas';
import {
  canUseDeliveryIndex,
  compileDeliveryIndex,
  DAY_MS,
  type CompileViewSqlOptions,
  type DeliveryIndexTables,
  type View,
} from '@lambda/transforms';
import type { ResultsTable } from './results-table.js';
import type { TimeRange } from './settled-range.js';

type IndexOption = NonNullable<CompileViewSqlOptions['deliveryIndex']>;

/**
 * The delivery index one `recompute` of all views shares (ADR 7): a UTC day of a source type is
 * indexed once, the first time a view's chunk reads it, after its master rows are counted.
 */
export interface DeliveryIndex {
  /** The index option for a chunk, its days indexed first; undefined if the view cannot use one. */
  prepare(view: View, chunk: TimeRange): Promise<IndexOption | undefined>;
  /** Whether the chunk's days still hold the rows they held when they were indexed. */
  unchanged(view: View, chunk: TimeRange): Promise<boolean>;
  drop(): Promise<void>;
}

interface TypeIndex {
  tables: DeliveryIndexTables;
  statements: ReturnType<typeof compileDeliveryIndex>;
  days: Map<number, IndexedDay>;
}

interface IndexedDay {
  rows: number;
  dedupRows: number;
  /**
   * Rows arrived since it was indexed (a Memory table cannot drop one day's rows, so the day is
   * not used again), or its Kafka coordinates do not fit the index's encoding.
   */
  stale: boolean;
}

const PREFIX = 'delivery_index_';
/** Index tables older than this belong to a process that died before dropping them. */
const ABANDONED_AFTER_SECONDS = 86_400;

const daysOf = ({ fromMs, toMs }: TimeRange) => {
  const days: number[] = [];
  for (let day = Math.floor(fromMs / DAY_MS) * DAY_MS; day < toMs; day += DAY_MS) days.push(day);
  return days;
};

/** Creates nothing yet: tables appear with the first day indexed, so a store that is down fails a run, not this. */
export function createDeliveryIndex({ client, database }: ResultsTable): DeliveryIndex {
  const name = `${PREFIX}${process.pid}_${Date.now()}`;
  const byType = new Map<string, TypeIndex>();

  async function indexOf(type: string): Promise<TypeIndex> {
    const existing = byType.get(type);
    if (existing) return existing;
    if (byType.size === 0) await dropAbandonedIndexes({ client, database });
    const tables = { database, name: `${name}_${type}`, type };
    const statements = compileDeliveryIndex(tables);
    for (const sql of statements.create) await runStatement(client, sql);
    const index = { tables, statements, days: new Map<number, IndexedDay>() };
    byType.set(type, index);
    return index;
  }

  async function indexDay({ statements, days }: TypeIndex, day: number): Promise<IndexedDay> {
    for (const sql of statements.day(day)) await runStatement(client, sql);
    const [indexed] = await queryRows<{ rows: string; encodable: number; dedup_rows: string }>(
      client,
      statements.indexedDay(day),
    );
    const result = {
      rows: Number(indexed?.rows),
      dedupRows: Number(indexed?.dedup_rows),
      stale: Number(indexed?.encodable) !== 1,
    };
    days.set(day, result);
    return result;
  }

  return {
    async prepare(view, chunk) {
      if (!canUseDeliveryIndex(view)) return undefined;
      const index = await indexOf(view.source.type);
      let dedup = false;
      for (const day of daysOf(chunk)) {
        const indexed = index.days.get(day) ?? (await indexDay(index, day));
        if (indexed.stale) return undefined;
        dedup ||= indexed.dedupRows > 0;
      }
      return { ...index.tables, dedup };
    },
    async unchanged(view, chunk) {
      const index = byType.get(view.source.type);
      const days = daysOf(chunk);
      const indexed = days.map((day) => index?.days.get(day));
      const first = days[0] ?? 0;
      const [now] = index
        ? await queryRows<{ rows: string }>(
            client,
            index.statements.rowsNow(first, first + days.length * DAY_MS),
          )
        : [];
      // Rows are only ever added, so equal sums mean every day is as it was indexed.
      const same =
        Number(now?.rows) === indexed.reduce((total, day) => total + (day?.rows ?? NaN), 0);
      if (!same) for (const day of indexed) if (day) day.stale = true;
      return same;
    },
    async drop() {
      for (const { statements } of byType.values())
        for (const sql of statements.drop) await runStatement(client, sql);
      byType.clear();
    },
  };
}

/** A killed process leaves its Memory tables behind until ClickHouse restarts. */
async function dropAbandonedIndexes({ client, database }: ResultsTable) {
  const abandoned = await queryRows<{ name: string }>(
    client,
    `SELECT name FROM system.tables
     WHERE database = ${literal(database)} AND startsWith(name, ${literal(PREFIX)})
       AND metadata_modification_time < now() - ${literal(ABANDONED_AFTER_SECONDS)}`,
  );
  for (const { name } of abandoned)
    await runStatement(client, `DROP TABLE IF EXISTS ${identifier(database)}.${identifier(name)}`);
}
