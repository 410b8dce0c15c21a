/**
 * Event schemas: one definition per event type and schema version gives the runtime
 * validator, the TypeScript type and the ClickHouse columns of the master dataset. Also the
 * one helper through which values and names reach ClickHouse SQL.
 */
export { field, optional } from './field.js';
export type {
  FieldSpec,
  FieldSpecs,
  FieldValue,
  FieldValueType,
  StringFieldOptions,
} from './field.js';
export { defineEventSchema } from './define-event-schema.js';
export type { EventDocument, EventSchema, EventSchemaOptions } from './define-event-schema.js';
export { orderV1, orderV2 } from './events/order.js';
export { eventSchemas, eventSchemasOf, eventTypes, findEventSchema } from './catalog.js';
export type { EventSchemaOf, EventType, KnownEventSchema, SchemaVersionOf } from './catalog.js';
export { combineFields } from './combine-fields.js';
export type { CombinedField } from './combine-fields.js';
export { parseEvent } from './parse-event.js';
export type { ParsedEvent, ParseIssue, ParseResult } from './parse-event.js';
export {
  createMasterTableSql,
  masterFieldColumns,
  masterTableColumns,
  masterTableName,
} from './master-table.js';
export type { MasterTableDdlOptions } from './master-table.js';
export type { MasterColumn } from './master-columns.js';
export { fromMasterRow, toMasterRow } from './master-row.js';
export type { DeliveryCoordinates, MasterDelivery, MasterRow } from './master-row.js';
export { identifier, literal } from './sql.js';
export { SchemaDefinitionError } from './schema-definition-error.js';
