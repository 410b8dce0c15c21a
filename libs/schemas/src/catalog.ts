import type { EventSchema } from './define-event-schema.js';
import { orderV1, orderV2 } from './events/order.js';

/** Every event type and schema version the platform accepts. Add new versions here. */
export const eventSchemas = [orderV1, orderV2] as const;

export type KnownEventSchema = (typeof eventSchemas)[number];
export type EventType = KnownEventSchema['type'];
export type SchemaVersionOf<Type extends EventType> = Extract<
  KnownEventSchema,
  { type: Type }
>['version'];
export type EventSchemaOf<Type extends EventType, Version extends number> = Extract<
  KnownEventSchema,
  { type: Type; version: Version }
>;

export function findEventSchema(type: string, version: number): EventSchema | undefined {
  return eventSchemas.find((schema) => schema.type === type && schema.version === version);
}

/** All versions of one event type, oldest first. */
export function eventSchemasOf(type: string): EventSchema[] {
  return eventSchemas
    .filter((schema) => schema.type === type)
    .sort((a, b) => a.version - b.version);
}

export const eventTypes: readonly EventType[] = [
  ...new Set(eventSchemas.map((schema) => schema.type)),
];
