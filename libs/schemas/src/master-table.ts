import { eventSchemasOf, eventTypes } from './catalog.js';
import { combineFields } from './combine-fields.js';
import { DELIVERY_COLUMNS, ENVELOPE_COLUMNS, type MasterColumn } from './master-columns.js';
import { SchemaDefinitionError } from './schema-definition-error.js';
import { identifier } from './sql.js';

/** `events_<type>`: one table per event type holds every delivery of every schema version. */
export function masterTableName(type: string): string {
  return `events_${type}`;
}

// Computed once at load, so a catalog whose versions conflict fails on import.
const fieldColumnsByType: ReadonlyMap<string, readonly MasterColumn[]> = new Map(
  eventTypes.map((type) => [
    type,
    combineFields(eventSchemasOf(type)).map(({ name, spec, alwaysPresent }) => ({
      name,
      type: alwaysPresent ? spec.clickhouseType : `Nullable(${spec.clickhouseType})`,
    })),
  ]),
);

/** The union of all versions' fields; Nullable unless required in every version, so older rows read NULL. */
export function masterFieldColumns(type: string): readonly MasterColumn[] {
  const columns = fieldColumnsByType.get(type);
  if (!columns)
    throw new SchemaDefinitionError(`unknown event type ${JSON.stringify(type)}`, { type });
  return columns;
}

/** Envelope, fields, then the Kafka coordinates of the delivery. */
export function masterTableColumns(type: string): MasterColumn[] {
  return [...ENVELOPE_COLUMNS, ...masterFieldColumns(type), ...DELIVERY_COLUMNS];
}

export interface MasterTableDdlOptions {
  database: string;
  type: string;
}

/**
 * Plain MergeTree keeps every delivery (the log stays immutable and auditable); queries
 * deduplicate by event_id deterministically. Sorting by event time first lets a recompute of
 * a time range skip all other granules through the primary index.
 */
export function createMasterTableSql({ database, type }: MasterTableDdlOptions): string {
  const columns = masterTableColumns(type).map(
    (column) =>
      `  ${identifier(column.name)} ${column.type}${column.materialized ? ` MATERIALIZED ${column.materialized}` : ''}`,
  );
  return [
    `CREATE TABLE IF NOT EXISTS ${identifier(database)}.${identifier(masterTableName(type))}`,
    `(`,
    columns.join(',\n'),
    `)`,
    `ENGINE = MergeTree`,
    `PARTITION BY toYYYYMM(occurred_at)`,
    `ORDER BY (occurred_at_ms, event_id)`,
  ].join('\n');
}
