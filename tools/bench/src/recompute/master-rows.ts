import { compilePredicate, type Measure, type View } from '@lambda/transforms';
import { identifier, literal } from '@lambda/schemas';

export const MASTER_MERCHANTS = 100;
export const MASTER_DAYS = 7;
export const MASTER_T0 = Date.UTC(2026, 0, 1);
export const MASTER_DESCRIPTION = `order events over ${MASTER_DAYS} days, ${MASTER_MERCHANTS} merchants × 3 currencies, 5% re-deliveries`;

/**
 * INSERT of `events` order rows into a master table over MASTER_DAYS days, every 20th row a
 * re-delivery of the one before (same event, later offset). ClickHouse generates them: 10 million
 * rows through Node would dominate the bench.
 */
export const generateMasterSql = (table: string, events: number) => `
INSERT INTO ${table} (event_id, schema_version, occurred_at_ms, order_id, merchant_id,
  customer_id, amount_minor, currency, status, coupon_code, channel, loyalty_tier, kafka_partition,
  kafka_offset, ingested_at_ms)
SELECT concat('e', toString(id)), toUInt16(1 + id % 2),
  toInt64(${literal(MASTER_T0)} + intHash64(id) % ${literal(MASTER_DAYS * 86_400_000)}),
  concat('o', toString(id)), concat('m', toString(intHash64(id * 3) % ${literal(MASTER_MERCHANTS)})),
  concat('c', toString(intHash64(id * 7) % 100000)), toInt64(intHash64(id * 11) % 100000) - 1000,
  ['EUR', 'USD', 'GBP'][1 + id % 3],
  ['created', 'completed', 'cancelled', 'refunded'][1 + intHash64(id * 13) % 4],
  if(id % 10 = 0, 'SAVE10', NULL), if(id % 4 = 0, NULL, ['web', 'app', 'store'][1 + id % 3]),
  if(id % 2 = 1, 'gold', NULL), toInt32(number % 6), toInt64(intDiv(number, 6)),
  toInt64(${literal(MASTER_T0)}) + toInt64(number)
FROM (SELECT number, number - (number % 20 = 19) AS id FROM numbers(${literal(events)}))`;

/** The table bare GROUP BY results land in, shaped like the batch results. */
export const bareRowsTableSql = (table: string) =>
  `CREATE TABLE ${table} (key String, window_start_ms Int64, measure_values Array(Nullable(Int64)))
   ENGINE = MergeTree ORDER BY (key, window_start_ms)`;

/**
 * What one would write by hand: same filter, key, window and aggregates, straight over the master
 * table, or (`dedup`) over one arbitrary delivery per event_id (`LIMIT 1 BY`, not deterministic).
 */
export function bareGroupBySql(
  view: View,
  { master, target, dedup }: { master: string; target: string; dedup: boolean },
): string {
  const fields = view.key.map((field) => `toString(${identifier(field)})`);
  const key =
    fields.length === 0
      ? literal('*')
      : fields.length === 1
        ? fields[0]
        : `concat(${fields.join(`, '|', `)})`;
  const aggregate = (measure: Measure) => {
    const where = measure.where ? compilePredicate(measure.where) : undefined;
    if (measure.kind === 'count') return where ? `countIf(${where})` : 'count()';
    const fn = measure.kind === 'distinct' ? 'uniqExact' : measure.kind;
    const column = identifier(measure.field);
    return where ? `${fn}If(${column}, ${where})` : `${fn}(${column})`;
  };
  const measures = Object.values(view.measures).map(
    (measure) => `CAST(${aggregate(measure)} AS Nullable(Int64))`,
  );
  const conditions = [
    `schema_version IN (${view.source.versions.map(literal).join(', ')})`,
    ...(view.filter ? [compilePredicate(view.filter)] : []),
  ];
  const rows = `SELECT * FROM ${master} WHERE ${conditions.join(' AND ')}`;
  return `INSERT INTO ${target}
SELECT ${key} AS key, intDiv(occurred_at_ms, ${literal(view.windowMs)}) * ${literal(view.windowMs)} AS w,
  [${measures.join(', ')}]
FROM (${dedup ? `${rows} LIMIT 1 BY event_id` : rows}) GROUP BY key, w`;
}
