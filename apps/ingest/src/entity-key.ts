import type { EventType, ParsedEvent } from '@lambda/schemas';

/**
 * The field naming the entity each event type is about. It is the Kafka key, so one entity's
 * events land in one partition and keep their order. It must be a required field of every
 * version of the type (a unit test checks); it may later move into the schema catalog.
 */
export const entityKeyFields = { order: 'order_id' } as const satisfies Record<EventType, string>;

export const entityKeyOf = (event: ParsedEvent): string =>
  String(event.fields[entityKeyFields[event.type as EventType]]);
