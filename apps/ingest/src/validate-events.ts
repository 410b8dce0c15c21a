import {
  eventSchemasOf,
  findEventSchema,
  parseEvent,
  type ParseIssue,
  type ParsedEvent,
} from '@lambda/schemas';
import { excerptOfValue } from './excerpt.js';
import type { BodyItem } from './read-events.js';
import type { Rejection, RejectionReason } from './rejection.js';

/** A valid event and the JSON value it was received as. */
export interface AcceptedEvent {
  readonly event: ParsedEvent;
  readonly received: unknown;
}

export interface Verdicts {
  accepted: AcceptedEvent[];
  rejected: Rejection[];
}

/** Issues listed per event; an event with thousands of unknown keys must not make a huge answer. */
export const MAX_ISSUES_PER_EVENT = 20;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function reasonFor(value: unknown): RejectionReason {
  if (!isRecord(value)) return 'invalid_event';
  const { type, schema_version: version } = value;
  if (typeof type !== 'string' || !Number.isSafeInteger(version)) return 'invalid_event';
  if (findEventSchema(type, version as number)) return 'invalid_event';
  return eventSchemasOf(type).length === 0 ? 'unknown_type' : 'unknown_version';
}

/** The event_id of an invalid event, when it is a usable one, so a client can find the event. */
function eventIdOf(value: unknown): string | undefined {
  const id = isRecord(value) ? value['event_id'] : undefined;
  return typeof id === 'string' && id.length > 0 && id.length <= 128 ? id : undefined;
}

function bounded(issues: readonly ParseIssue[]): ParseIssue[] {
  if (issues.length <= MAX_ISSUES_PER_EVENT) return [...issues];
  const more = issues.length - (MAX_ISSUES_PER_EVENT - 1);
  return [
    ...issues.slice(0, MAX_ISSUES_PER_EVENT - 1),
    { path: '', message: `and ${more} more issues` },
  ];
}

function verdictOf(item: BodyItem, index: number): AcceptedEvent | Rejection {
  if (!item.parsed)
    return {
      index,
      reason: 'malformed_body',
      issues: [{ path: '', message: item.message }],
      raw: item.excerpt,
    };
  const result = parseEvent(item.value);
  if (result.ok) return { event: result.event, received: item.value };
  return {
    index,
    eventId: eventIdOf(item.value),
    reason: reasonFor(item.value),
    issues: bounded(result.issues),
    raw: excerptOfValue(item.value),
  };
}

/** Validates every event of a body against its type and schema version. */
export function validateEvents(items: readonly BodyItem[]): Verdicts {
  const verdicts: Verdicts = { accepted: [], rejected: [] };
  items.forEach((item, index) => {
    const verdict = verdictOf(item, index);
    if ('event' in verdict) verdicts.accepted.push(verdict);
    else verdicts.rejected.push(verdict);
  });
  return verdicts;
}
