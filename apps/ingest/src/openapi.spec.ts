import { eventSchemas } from '@lambda/schemas';
import { buildOpenApiDocument } from './openapi.js';
import { eventsRouteViolations } from './testing/openapi-conformance.js';

const document = buildOpenApiDocument({ maxEvents: 1000, maxBodyBytes: 1024 });
const problem = (status: number, code: string, extra: Record<string, unknown> = {}) => ({
  type: `urn:lambda:problem:${code}`,
  title: code,
  status,
  detail: 'why',
  ...extra,
});
const response = (status: number, body: unknown, headers: Record<string, string> = {}) => ({
  status,
  body,
  headers: new Headers({
    'content-type': status === 202 ? 'application/json' : 'application/problem+json',
    ...headers,
  }),
});

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 and describes every event schema', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.components.schemas)).toEqual(
      expect.arrayContaining(
        eventSchemas.map((s) => `${s.type[0]?.toUpperCase()}${s.type.slice(1)}V${s.version}`),
      ),
    );
  });

  it('accepts responses as ingest sends them', () => {
    expect(eventsRouteViolations(document, response(202, { accepted: 3 }))).toEqual([]);
    const invalid = problem(400, 'invalid_events', {
      accepted: 0,
      rejected: [{ index: null, reason: 'malformed_body', issues: [{ path: '', message: 'no' }] }],
    });
    expect(eventsRouteViolations(document, response(400, invalid))).toEqual([]);
    expect(
      eventsRouteViolations(
        document,
        response(503, problem(503, 'kafka_timeout'), { 'retry-after': '5' }),
      ),
    ).toEqual([]);
  });

  it('catches responses that break it', () => {
    const broken = [
      response(202, { accepted: 0 }),
      response(500, problem(500, 'internal_error')),
      response(503, problem(503, 'kafka_timeout')),
      response(400, problem(400, 'invalid_events', { accepted: 2, rejected: [] })),
      response(400, problem(400, 'invalid_events', { accepted: 0, rejected: [{ index: 1 }] })),
      response(401, { message: 'no' }, { 'www-authenticate': 'Bearer' }),
    ];
    for (const res of broken) expect(eventsRouteViolations(document, res)).not.toEqual([]);
  });
});
