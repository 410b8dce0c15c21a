import { PlatformError } from '@lambda/errors';
import { identifier, literal, masterTableName } from '@lambda/schemas';
import { compileMeasure } from './compile-measure.js';
import { compilePredicate } from './compile-predicate.js';
import type { View } from './define-view.js';
import { canUseDeliveryIndex, deliveriesIn, type DeliveryIndexTables } from './delivery-index.js';
import { keySql } from './key.js';
import type { Predicate } from './predicate.js';
import { windowStartSql } from './window.js';

export interface CompileViewSqlOptions {
  database: string;
  /** Default: the master table of the view's source type, `events_<type>`. */
  table?: string;
  /** Only windows starting at or after this instant; must be window-aligned. */
  fromMs?: number;
  /** Only windows ending at or before this instant; must be window-aligned. */
  toMs?: number;
  /** Only the key with this encoding (see `encodeKey`). */
  keyEquals?: string;
  /**
   * A table in `database` with an `id_hash` column holding at least the hash (`ID_HASH`) of every
   * event_id delivered more than once among the rows this query reads
   * (`compileRedeliveredIdsTable` makes it). Only events with such a hash then go through the
   * per-event dedup; the rest, most of the log, are read as they are. The result is the same: a
   * hash held by one row only belongs to an event delivered once, and an event delivered once
   * that shares a hash with a re-delivered one is still counted once by the dedup.
   */
  redeliveredIdsTable?: string;
  /**
   * A delivery index (`compileDeliveryIndex`) of the view's source type holding every day this
   * query reads, used instead of `redeliveredIdsTable`: the plain pass skips the index's excluded
   * deliveries, and with `dedup` (set when the index's dedup table has rows on those days) the
   * per-event dedup reads its dedup deliveries. Only for views whose windows divide a day, so
   * that no window spans days the index saw separately.
   */
  deliveryIndex?: DeliveryIndexTables & { dedup: boolean };
}

/**
 * ClickHouse SQL (18.16 and current) computing a view over the master dataset: one row per
 * (key, window_start_ms) with one column per measure, in no particular order.
 */
export function compileViewSql(view: View, options: CompileViewSqlOptions): string {
  const measures = Object.entries(view.measures).map(
    ([name, measure]) => `${compileMeasure(measure)} AS ${identifier(name)}`,
  );
  return [
    `SELECT key, window_start_ms,\n  ${measures.join(',\n  ')}`,
    `FROM (${firstDeliveries(view, options)})`,
    'GROUP BY key, window_start_ms',
  ].join('\n');
}

/**
 * An event_id's 64-bit hash: grouping and set lookups on it cost a fraction of those on the
 * strings (ADR 7), and a collision only sends an event through the dedup it did not need.
 */
const ID_HASH = 'cityHash64(event_id)';

/**
 * Mirrors the executor's dedup: after the filter, one row per (key, window, event_id), the
 * first delivery by (kafka_partition, kafka_offset). Only the fields the measures read are
 * carried, in a tuple because `argMin` on a bare Nullable column would skip NULLs.
 */
function firstDeliveries(view: View, options: CompileViewSqlOptions): string {
  const { redeliveredIdsTable, deliveryIndex } = options;
  if (deliveryIndex) return indexedDeliveries(view, options, deliveryIndex);
  if (redeliveredIdsTable === undefined) return dedupedRows(view, options, []);
  const redelivered = `(SELECT id_hash FROM ${tableIn(options.database, redeliveredIdsTable)})`;
  return [
    rowsOf(view, options, [`${ID_HASH} NOT IN ${redelivered}`], []),
    'UNION ALL',
    dedupedRows(view, options, [`${ID_HASH} IN ${redelivered}`]),
  ].join('\n');
}

function indexedDeliveries(
  view: View,
  options: CompileViewSqlOptions,
  index: DeliveryIndexTables & { dedup: boolean },
): string {
  const problem =
    options.redeliveredIdsTable !== undefined
      ? 'takes a delivery index or a re-delivered ids table, not both'
      : index.type !== view.source.type
        ? `reads ${view.source.type} events, not the index's ${index.type}`
        : !canUseDeliveryIndex(view)
          ? `has ${view.window} windows, which do not divide a day`
          : undefined;
  if (problem)
    throw new PlatformError(`view ${view.id} ${problem}`, {
      code: 'delivery_index_unusable',
      context: { view: view.id, index: index.name },
    });
  const plain = rowsOf(view, options, [deliveriesIn(index, 'excluded', 'NOT IN', options)], []);
  if (!index.dedup) return plain;
  const deduped = dedupedRows(view, options, [deliveriesIn(index, 'dedup', 'IN', options)]);
  return [plain, 'UNION ALL', deduped].join('\n');
}

const DELIVERY_COLUMNS = ['event_id', 'kafka_partition', 'kafka_offset'];

/** The view's rows (after its filter) with key, window, the fields the measures read and more. */
function rowsOf(
  view: View,
  options: CompileViewSqlOptions,
  extraConditions: string[],
  extraColumns: string[],
): string {
  const fields = measureFields(view).map(identifier);
  return [
    `SELECT ${keySql(view.key)} AS key, ${windowStartSql(view.windowMs)} AS window_start_ms${[...extraColumns, ...fields].map((column) => `, ${column}`).join('')}`,
    `FROM ${sourceTable(view, options)}`,
    `WHERE ${[...rowConditions(view, options), ...extraConditions].join('\n  AND ')}`,
  ].join('\n');
}

function dedupedRows(view: View, options: CompileViewSqlOptions, extraConditions: string[]) {
  const fields = measureFields(view).map(identifier);
  const perEvent = (select: string) =>
    `SELECT ${select}\nFROM (${rowsOf(view, options, extraConditions, DELIVERY_COLUMNS)})\nGROUP BY key, window_start_ms, event_id`;
  if (fields.length === 0) return perEvent('key, window_start_ms');
  const first = `argMin(tuple(${fields.join(', ')}), tuple(kafka_partition, kafka_offset)) AS first_delivery`;
  const unpacked = fields.map((field, index) => `first_delivery.${index + 1} AS ${field}`);
  return `SELECT key, window_start_ms, ${unpacked.join(', ')}\nFROM (${perEvent(`key, window_start_ms, ${first}`)})`;
}

const tableIn = (database: string, table: string) => `${identifier(database)}.${identifier(table)}`;

const sourceTable = (view: View, options: CompileViewSqlOptions) =>
  tableIn(options.database, options.table ?? masterTableName(view.source.type));

/**
 * The statements that (re)create and drop `redeliveredIdsTable` as a Memory table of the hashes
 * of event_ids with more than one row among those the view's SQL reads with these options.
 */
export function compileRedeliveredIdsTable(
  view: View,
  options: CompileViewSqlOptions & { redeliveredIdsTable: string },
): { drop: string; create: string } {
  const table = tableIn(options.database, options.redeliveredIdsTable);
  const ids = [
    `SELECT ${ID_HASH} AS id_hash FROM ${sourceTable(view, options)}`,
    `WHERE ${rowConditions(view, options).join('\n  AND ')}`,
    'GROUP BY id_hash HAVING count() > 1',
  ].join('\n');
  return {
    drop: `DROP TABLE IF EXISTS ${table}`,
    create: `CREATE TABLE ${table} ENGINE = Memory AS ${ids}`,
  };
}

function rowConditions(view: View, { fromMs, toMs, keyEquals }: CompileViewSqlOptions): string[] {
  return [
    `schema_version IN (${view.source.versions.map(literal).join(', ')})`,
    ...(view.filter ? [compilePredicate(view.filter)] : []),
    ...(fromMs === undefined
      ? []
      : [`occurred_at_ms >= ${literal(alignedBound(view, 'fromMs', fromMs))}`]),
    ...(toMs === undefined
      ? []
      : [`occurred_at_ms < ${literal(alignedBound(view, 'toMs', toMs))}`]),
    ...(keyEquals === undefined ? [] : [`${keySql(view.key)} = ${literal(keyEquals)}`]),
  ];
}

/** A bound inside a window would recompute part of a window and publish it as the whole. */
function alignedBound(view: View, name: string, boundMs: number): number {
  if (Number.isSafeInteger(boundMs) && boundMs % view.windowMs === 0) return boundMs;
  throw new PlatformError(
    `${name} ${boundMs} is not aligned to the ${view.window} windows of view ${view.id}`,
    {
      code: 'unaligned_window_bound',
      context: { view: view.id, [name]: boundMs },
    },
  );
}

/** Fields the measures read, in first-use order. */
function measureFields(view: View): string[] {
  const fields = Object.values(view.measures).flatMap((measure) => [
    ...(measure.kind === 'count' ? [] : [measure.field]),
    ...(measure.where ? predicateFields(measure.where) : []),
  ]);
  return [...new Set(fields)];
}

function predicateFields(predicate: Predicate): string[] {
  switch (predicate.op) {
    case 'and':
    case 'or':
      return predicate.operands.flatMap(predicateFields);
    case 'not':
      return predicateFields(predicate.operand);
    default:
      return [predicate.field];
  }
}
