import { z } from 'zod';
import { eventSchemasOf, eventTypes, findEventSchema } from './catalog.js';
import type { EventSchema } from './define-event-schema.js';
import { occurredAtMs } from './envelope.js';
import type { FieldValue } from './field.js';

/** A valid event, normalized for the executors: every field of its schema is present, missing ones as null. */
export interface ParsedEvent {
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  /** Event time as integer epoch milliseconds. */
  readonly occurredAtMs: number;
  readonly fields: Readonly<Record<string, FieldValue | null>>;
  /** The validated document as received, for re-emission. */
  readonly document: Readonly<Record<string, unknown>>;
}

export interface ParseIssue {
  /** Dot-separated path of the offending value, e.g. `amount_minor`; empty for the document itself. */
  readonly path: string;
  readonly message: string;
}

export type ParseResult = { ok: true; event: ParsedEvent } | { ok: false; issues: ParseIssue[] };

const dispatch = z.object({ type: z.string(), schema_version: z.int() });

/**
 * The `type` and `schema_version` an event names. The plain check accepts exactly what `dispatch`
 * does; zod runs only to word the issues of a document it refuses (once per event saved a zod
 * pass over every event either path reads).
 */
function headOf(raw: unknown): { type: string; version: number } | ParseIssue[] {
  if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
    const { type, schema_version: version } = raw as Record<string, unknown>;
    if (typeof type === 'string' && Number.isSafeInteger(version))
      return { type, version: version as number };
  }
  const head = dispatch.safeParse(raw);
  return head.success
    ? { type: head.data.type, version: head.data.schema_version }
    : toIssues(head.error);
}

/** Validates a raw JSON value against the schema its `type` and `schema_version` name. */
export function parseEvent(raw: unknown): ParseResult {
  const head = headOf(raw);
  if (Array.isArray(head)) return { ok: false, issues: head };
  const { type, version } = head;
  const schema = findEventSchema(type, version);
  if (!schema) return { ok: false, issues: [unknownSchemaIssue(type, version)] };
  const result = schema.validator.safeParse(raw);
  if (!result.success) return { ok: false, issues: toIssues(result.error) };
  return { ok: true, event: normalize(schema, result.data) };
}

function normalize(schema: EventSchema, document: Record<string, unknown>): ParsedEvent {
  // A loop, not Object.fromEntries over mapped pairs: this runs for every event either path reads.
  const fields: Record<string, FieldValue | null> = {};
  for (const name in schema.fields) fields[name] = (document[name] ?? null) as FieldValue | null;
  return {
    eventId: String(document['event_id']),
    type: schema.type,
    schemaVersion: schema.version,
    occurredAtMs: occurredAtMs(String(document['occurred_at'])),
    fields,
    document,
  };
}

function unknownSchemaIssue(type: string, version: number): ParseIssue {
  const known = eventSchemasOf(type).map((schema) => schema.version);
  return known.length === 0
    ? {
        path: 'type',
        message: `unknown event type ${JSON.stringify(type)} (known: ${eventTypes.join(', ')})`,
      }
    : {
        path: 'schema_version',
        message: `unknown schema_version ${version} for type ${type} (known: ${known.join(', ')})`,
      };
}

/** One issue per offending key; zod reports all unknown keys of an object as one issue. */
function toIssues(error: z.ZodError): ParseIssue[] {
  return error.issues.flatMap((issue) => {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map((key) => ({
        path: [...path, key].join('.'),
        message: 'unknown field',
      }));
    return [{ path: path.join('.'), message: issue.message }];
  });
}
