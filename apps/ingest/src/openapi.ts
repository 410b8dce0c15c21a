import { z } from 'zod';
import { eventSchemas } from '@lambda/schemas';
import { acceptedBody, invalidEventsBody, problemBody } from './api-schemas.js';

/** A component schema: the JSON Schema of a zod schema, without its dialect (the document sets it). */
const jsonSchema = (schema: z.ZodType, io: 'input' | 'output' = 'output') => {
  const component = z.toJSONSchema(schema, { io });
  delete component.$schema;
  return component;
};

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const headerRef = (name: string) => ({ $ref: `#/components/headers/${name}` });
const capitalized = (type: string) =>
  type.replace(/(^|_)([a-z])/g, (_match, _sep, letter: string) => letter.toUpperCase());

const problemResponse = (description: string, headers?: Record<string, unknown>) => ({
  description,
  ...(headers ? { headers } : {}),
  content: { 'application/problem+json': { schema: ref('Problem') } },
});

const DESCRIPTION = `Appends events to the platform's immutable log.

A request is all or nothing. 202 means Kafka acknowledged every event of it. 400 means at least
one event is invalid; none of the request was stored and the problem lists every rejected event.
503 means Kafka did not acknowledge in time: some events may be stored, so send the same request
again after Retry-After. \`event_id\` is the idempotency key, so a repeated event is counted once.`;

/** The OpenAPI 3.1 document of ingest, built from the same zod schemas the code uses. */
export function buildOpenApiDocument({
  maxEvents,
  maxBodyBytes,
}: {
  maxEvents: number;
  maxBodyBytes: number;
}) {
  const events = eventSchemas.map(
    (schema) =>
      [
        `${capitalized(schema.type)}V${schema.version}`,
        jsonSchema(schema.validator, 'input'),
      ] as const,
  );
  const anyEvent = { oneOf: events.map(([name]) => ref(name)) };
  return {
    openapi: '3.1.0',
    info: { title: 'Lambda ingest', version: '1.0.0', description: DESCRIPTION },
    paths: {
      '/v1/events': {
        post: {
          operationId: 'ingestEvents',
          summary: 'Validate events and append them durably to the event log.',
          security: [{ apiKey: ['events:write'] }],
          requestBody: {
            required: true,
            description: `At most ${maxEvents} events and ${maxBodyBytes} bytes.`,
            content: {
              'application/json': {
                schema: {
                  anyOf: [anyEvent, { type: 'array', items: anyEvent, maxItems: maxEvents }],
                },
              },
              'application/x-ndjson': {
                schema: { type: 'string', description: 'One event (JSON object) per line.' },
              },
            },
          },
          responses: {
            '202': {
              description: 'Every event is stored.',
              content: { 'application/json': { schema: ref('Accepted') } },
            },
            '400': {
              description: 'Nothing was stored: invalid events (listed), or no events at all.',
              content: {
                'application/problem+json': {
                  schema: { anyOf: [ref('InvalidEventsProblem'), ref('Problem')] },
                },
              },
            },
            '401': problemResponse('No valid API key.', {
              'WWW-Authenticate': headerRef('WwwAuthenticate'),
            }),
            '403': problemResponse('The API key lacks the scope events:write.', {
              'WWW-Authenticate': headerRef('WwwAuthenticate'),
            }),
            '413': problemResponse('Too many events, or a body over the size limit.'),
            '415': problemResponse(
              'Not application/json or application/x-ndjson, or an unknown charset.',
            ),
            '429': problemResponse('The API key exceeded its rate.', {
              'Retry-After': headerRef('RetryAfter'),
            }),
            '503': problemResponse(
              'Kafka did not acknowledge in time, or too many events are waiting.',
              {
                'Retry-After': headerRef('RetryAfter'),
              },
            ),
          },
        },
      },
      '/openapi.json': {
        get: {
          operationId: 'openApiDocument',
          summary: 'This document.',
          responses: {
            '200': {
              description: 'OpenAPI 3.1',
              content: { 'application/json': { schema: { type: 'object' } } },
            },
          },
        },
      },
    },
    components: {
      securitySchemes: {
        apiKey: {
          type: 'http',
          scheme: 'bearer',
          description: 'An API key minted with libs/auth.',
        },
      },
      headers: {
        RetryAfter: {
          description: 'Seconds to wait before retrying.',
          schema: { type: 'integer', minimum: 1 },
        },
        WwwAuthenticate: { description: 'RFC 6750 Bearer challenge.', schema: { type: 'string' } },
      },
      schemas: {
        ...Object.fromEntries(events),
        Accepted: jsonSchema(acceptedBody),
        Problem: jsonSchema(problemBody),
        InvalidEventsProblem: jsonSchema(invalidEventsBody),
      },
    },
  };
}

export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;
