import { identifier, literal, masterFieldColumns, masterTableName } from '@lambda/schemas';
import type { View } from './define-view.js';

export const DAY_MS = 86_400_000;

/** A window longer than a day could hold deliveries of one event on two days the index saw apart. */
export const canUseDeliveryIndex = (view: View) => DAY_MS % view.windowMs === 0;

/**
 * Where a delivery index lives: tables `<name>_days`, `<name>_excluded` and `<name>_dedup` in
 * `database`, over the master table of `type`.
 */
export interface DeliveryIndexTables {
  database: string;
  name: string;
  type: string;
}

/**
 * A delivery's coordinates as one UInt64, partition above offset, so that set lookups and the
 * first delivery's `min` work on a number: about a third cheaper than on the tuple. Exact for
 * partitions below 2^15 and offsets below 2^48, which `compileDeliveryIndex` checks per day.
 */
const DELIVERY = 'bitOr(bitShiftLeft(toUInt64(kafka_partition), 48), toUInt64(kafka_offset))';
const ENCODABLE =
  'min(kafka_partition) >= 0 AND max(kafka_partition) < 32768 AND min(kafka_offset) >= 0 AND max(kafka_offset) < 281474976710656';

/** Whether a row's delivery is (`IN`) or is not (`NOT IN`) among an index table's on days in [fromMs, toMs). */
export function deliveriesIn(
  index: DeliveryIndexTables,
  table: 'excluded' | 'dedup',
  operator: 'IN' | 'NOT IN',
  { fromMs, toMs }: { fromMs?: number; toMs?: number },
): string {
  const days = [
    ...(fromMs === undefined ? [] : [`day_ms >= ${literal(Math.floor(fromMs / DAY_MS) * DAY_MS)}`]),
    ...(toMs === undefined ? [] : [`day_ms < ${literal(toMs)}`]),
  ];
  const where = days.length === 0 ? '' : ` WHERE ${days.join(' AND ')}`;
  return `${DELIVERY} ${operator} (SELECT delivery FROM ${tableOf(index, table)}${where})`;
}

const tableOf = ({ database, name }: DeliveryIndexTables, table: string) =>
  `${identifier(database)}.${identifier(`${name}_${table}`)}`;

/**
 * The statements that keep a delivery index (ADR 7). For each indexed UTC day: its master rows
 * when indexing began, and whether all their coordinates fit the index's encoding (`days`); the
 * deliveries a view's plain pass skips (`excluded`); and among them those only the per-event
 * dedup may read (`dedup`). An event delivered more than once whose deliveries are identical in
 * every field and each archived once is counted by its first delivery alone, whatever a view's
 * filter, key and window, so its later deliveries are excluded. Every delivery of any other
 * event delivered more than once (conflicting content, or a delivery archived twice after a
 * crash) goes to the dedup. Built once per day, shared by every view of the type whose windows
 * divide a day. A day is usable while it still has `rows` rows and is `encodable`.
 */
export function compileDeliveryIndex(index: DeliveryIndexTables) {
  const source = `${identifier(index.database)}.${identifier(masterTableName(index.type))}`;
  const content = [
    'schema_version',
    'occurred_at_ms',
    ...masterFieldColumns(index.type).map((c) => identifier(c.name)),
  ];
  const multi = tableOf(index, 'multi');
  const events = tableOf(index, 'events');
  const scratch = [`DROP TABLE IF EXISTS ${multi}`, `DROP TABLE IF EXISTS ${events}`];
  const onDays = (fromMs: number, toMs: number) =>
    `occurred_at_ms >= ${literal(fromMs)} AND occurred_at_ms < ${literal(toMs)}`;
  const day = (dayMs: number) => {
    const inDay = onDays(dayMs, dayMs + DAY_MS);
    const deliveries = (table: string, which: string) =>
      `INSERT INTO ${tableOf(index, table)} SELECT ${literal(dayMs)}, delivery FROM ${events} ARRAY JOIN deliveries AS delivery WHERE ${which}`;
    return [
      ...scratch,
      `INSERT INTO ${tableOf(index, 'days')} SELECT ${literal(dayMs)}, count(), ${ENCODABLE} FROM ${source} WHERE ${inDay}`,
      `CREATE TABLE ${multi} ENGINE = Memory AS SELECT cityHash64(event_id) AS id_hash FROM ${source} WHERE ${inDay} GROUP BY id_hash HAVING count() > 1`,
      `CREATE TABLE ${events} ENGINE = Memory AS SELECT groupArray(${DELIVERY}) AS deliveries, min(${DELIVERY}) AS first,
  uniqExact(tuple(${content.join(', ')})) = 1 AND uniqExact(kafka_partition, kafka_offset) = count() AS by_first
FROM ${source} WHERE ${inDay} AND cityHash64(event_id) IN (SELECT id_hash FROM ${multi}) GROUP BY event_id`,
      deliveries('excluded', 'NOT by_first OR delivery != first'),
      deliveries('dedup', 'NOT by_first'),
      ...scratch,
    ];
  };
  const tables = {
    days: '(day_ms Int64, rows UInt64, encodable UInt8)',
    excluded: '(day_ms Int64, delivery UInt64)',
    dedup: '(day_ms Int64, delivery UInt64)',
  };
  const drop = [
    ...scratch,
    ...Object.keys(tables).map((table) => `DROP TABLE IF EXISTS ${tableOf(index, table)}`),
  ];
  const create = Object.entries(tables).map(
    ([table, columns]) => `CREATE TABLE ${tableOf(index, table)} ${columns} ENGINE = Memory`,
  );
  /** A day as it was indexed: `rows`, `encodable` and `dedup_rows`, its deliveries for the dedup. */
  const indexedDay = (dayMs: number) =>
    `SELECT rows, encodable, (SELECT count() FROM ${tableOf(index, 'dedup')} WHERE day_ms = ${literal(dayMs)}) AS dedup_rows
     FROM ${tableOf(index, 'days')} WHERE day_ms = ${literal(dayMs)}`;
  /** `rows`: the master rows on [fromMs, toMs) now, counted as `days` counts them. */
  const rowsNow = (fromMs: number, toMs: number) =>
    `SELECT count() AS rows FROM ${source} WHERE ${onDays(fromMs, toMs)}`;
  return { drop, create: [...drop, ...create], day, indexedDay, rowsNow };
}
