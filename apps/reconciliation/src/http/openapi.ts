import { z } from 'zod';
import type { ViewRegistry } from '@lambda/transforms';
import { problem, run, runSummary, runsPage, status } from './api-schemas.js';
import { RUNS_QUERY_DOC } from './runs-query.js';

/** A component schema: the JSON Schema of a zod schema, without its dialect (the document sets it). */
const jsonSchema = (schema: z.ZodType) => {
  const component = z.toJSONSchema(schema);
  delete component.$schema;
  return component;
};

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (description: string, schema: string) => ({
  description,
  content: { 'application/json': { schema: ref(schema) } },
});
const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ref('Problem') } },
});
const errors = {
  '401': problemResponse('No valid API key (WWW-Authenticate tells which).'),
  '403': problemResponse('The API key lacks the views:read scope.'),
  '429': problemResponse('The API key exceeded its rate; retry after Retry-After seconds.'),
  '503': problemResponse('A store is unavailable; retry after Retry-After seconds.'),
};

const DESCRIPTION = `Drift between the speed and the batch layer, per view version and measure.

After every completed batch run and on a schedule, reconciliation compares the windows batch
serves (up to its watermark, within a lookback) with speed's rows of the same windows. The
divergence rate of a measure is Σ|speed − batch| / Σ|batch| over those windows. The part the
window's late-dropped events account for (what they would have added, per measure), and windows
speed no longer holds, is explained; the rest is unexplained and is what thresholds, alerts,
repair requests and pins act on.`;

/** The OpenAPI 3.1 description served at /openapi.json. */
export function openApiDocument(registry: ViewRegistry) {
  const viewIds = [...new Set(registry.views.map((view) => view.id))];
  const parameter = (name: keyof typeof RUNS_QUERY_DOC, schema: Record<string, unknown>) => ({
    name,
    in: 'query',
    description: RUNS_QUERY_DOC[name],
    schema,
  });
  return {
    openapi: '3.1.0',
    info: { title: 'Lambda reconciliation API', version: '1.0.0', description: DESCRIPTION },
    security: [{ apiKey: [] }],
    paths: {
      '/v1/reconciliation/status': {
        get: {
          summary: 'Thresholds, and per view version its pin and latest runs.',
          responses: { '200': json('The status.', 'Status'), ...errors },
        },
      },
      '/v1/reconciliation/runs': {
        get: {
          summary: 'Runs, newest first, with their affected windows.',
          parameters: [
            parameter('limit', { type: 'integer', minimum: 1, maximum: 100, default: 20 }),
            parameter('windows', { type: 'integer', minimum: 0, maximum: 1000, default: 100 }),
            parameter('before', { type: 'string' }),
            parameter('view', { type: 'string', enum: viewIds }),
            parameter('version', { type: 'integer', minimum: 1 }),
          ],
          responses: {
            '200': json('One page of runs.', 'RunsPage'),
            '400': problemResponse('An unknown, repeated or malformed parameter.'),
            ...errors,
          },
        },
      },
      '/openapi.json': {
        get: {
          summary: 'This document.',
          security: [],
          responses: {
            '200': { description: 'OpenAPI 3.1.', content: { 'application/json': {} } },
          },
        },
      },
    },
    components: {
      securitySchemes: {
        apiKey: {
          type: 'http',
          scheme: 'bearer',
          description: 'An API key with the views:read scope: `Authorization: Bearer <token>`.',
        },
      },
      schemas: {
        Status: jsonSchema(status),
        RunsPage: jsonSchema(runsPage),
        Run: jsonSchema(run),
        RunSummary: jsonSchema(runSummary),
        Problem: jsonSchema(problem),
      },
    },
  };
}
