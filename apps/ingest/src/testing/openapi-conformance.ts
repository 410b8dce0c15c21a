import { z } from 'zod';

type Json = Record<string, unknown>;

const at = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null ? (value as Json)[key] : undefined;

/** The schema with every `#/components/...` reference replaced by what it points to. */
function inlineRefs(document: unknown, schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map((item) => inlineRefs(document, item));
  if (typeof schema !== 'object' || schema === null) return schema;
  const ref = at(schema, '$ref');
  if (typeof ref === 'string') {
    const target = ref
      .replace(/^#\//, '')
      .split('/')
      .reduce<unknown>((node, key) => at(node, key), document);
    if (target === undefined) throw new Error(`dangling reference ${ref}`);
    return inlineRefs(document, target);
  }
  return Object.fromEntries(
    Object.entries(schema).map(([key, value]) => [key, inlineRefs(document, value)]),
  );
}

const compiled = new WeakMap<object, z.ZodType>();

/** zod's reading of one documented schema, made once per schema object. */
function checkerFor(document: unknown, schema: object): z.ZodType {
  let checker = compiled.get(schema);
  if (!checker) {
    checker = z.fromJSONSchema(inlineRefs(document, schema) as z.core.JSONSchema.JSONSchema);
    compiled.set(schema, checker);
  }
  return checker;
}

export interface ObservedResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

/**
 * What is wrong with a real response according to the OpenAPI document: an undocumented status,
 * another media type, a missing documented header, or a body its JSON Schema refuses (checked by
 * zod's own JSON Schema reader, so the published document itself is what is tested).
 */
export function openApiViolations(
  document: unknown,
  operation: { path: string; method: string },
  response: ObservedResponse,
): string[] {
  const documented = at(
    at(at(at(document, 'paths'), operation.path), operation.method),
    'responses',
  );
  const spec = at(documented, String(response.status));
  if (spec === undefined) return [`status ${response.status} is not documented`];
  const [mediaType, media] = Object.entries((at(spec, 'content') ?? {}) as Json)[0] ?? [];
  const contentType = response.headers.get('content-type') ?? '';
  const violations: string[] = [];
  if (mediaType && !contentType.startsWith(mediaType))
    violations.push(`content-type ${contentType}, documented ${mediaType}`);
  for (const header of Object.keys((at(spec, 'headers') ?? {}) as Json))
    if (!response.headers.has(header)) violations.push(`header ${header} is missing`);
  const schema = at(media, 'schema');
  if (typeof schema === 'object' && schema !== null)
    violations.push(...schemaViolations(document, schema, response.body));
  return violations;
}

function schemaViolations(document: unknown, schema: object, value: unknown): string[] {
  const result = checkerFor(document, schema).safeParse(value);
  return result.success ? [] : [`body: ${z.prettifyError(result.error)}`];
}

/**
 * Violations of `POST /v1/events`. A 400 may be any problem, so an `invalid_events` body is also
 * held to its own, stricter component schema.
 */
export function eventsRouteViolations(document: unknown, response: ObservedResponse): string[] {
  const violations = openApiViolations(document, { path: '/v1/events', method: 'post' }, response);
  if (at(response.body, 'type') !== 'urn:lambda:problem:invalid_events') return violations;
  const strict = at(at(at(document, 'components'), 'schemas'), 'InvalidEventsProblem');
  return strict && typeof strict === 'object'
    ? [...violations, ...schemaViolations(document, strict, response.body)]
    : [...violations, 'InvalidEventsProblem is not documented'];
}
