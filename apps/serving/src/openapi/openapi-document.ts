import type { ViewRegistry } from '@lambda/transforms';
import { schemas } from './schemas.js';

const json = (schema: string) => ({
  content: { 'application/json': { schema: { $ref: `#/components/schemas/${schema}` } } },
});
const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});
const errors = {
  '401': problem('No valid API key (WWW-Authenticate tells which).'),
  '403': problem('The API key lacks the views:read scope.'),
  '429': problem('The API key exceeded its rate; retry after Retry-After seconds.'),
  '503': problem('The view store is unavailable; retry after Retry-After seconds.'),
};
const cached = (description: string, schema: string) => ({
  description,
  headers: {
    ETag: { schema: { type: 'string' } },
    'Cache-Control': { schema: { type: 'string' } },
  },
  ...json(schema),
});

const CACHING = `Every answer carries a weak ETag covering everything but speedWatermark (which moves every second
without changing a number) and honours If-None-Match with 304. Cache-Control is private (answers need
an API key) with max-age SERVING_SETTLED_MAX_AGE_S (default 60) when batch answered every window, which
changes only with a batch run, and SERVING_FRESH_MAX_AGE_S (default 5) when speed answered any.`;

function rangeOperation(viewIds: readonly string[], kind: 'series' | 'total') {
  return {
    summary:
      kind === 'series'
        ? 'Every window of [from, to) with its measures and the layer that answered it.'
        : 'The windows of [from, to) combined into one set of measures.',
    description: `${
      kind === 'series'
        ? 'Windows ending at or before the batch watermark of the version come from batch, later ones from speed (its per-partition partial rows merged); each window is returned, empty ones as zeros.'
        : 'Counts and sums add, min and max take the extreme present value. Distinct measures, and ratios over them, are omitted (see `omitted`): the distinct count of a range is not the sum of its windows\u2019 distinct counts, and settled windows keep only counts.'
    }\n\n${CACHING}`,
    parameters: [
      { name: 'view', in: 'path', required: true, schema: { type: 'string', enum: viewIds } },
      {
        name: 'key',
        in: 'query',
        description:
          'One query parameter per key field of the view version (see keyFields in GET /v1/views), e.g. `merchant_id=m-1&currency=EUR`; a view without key fields takes none. Missing or unknown parameters are refused.',
        style: 'form',
        explode: true,
        schema: { type: 'object', additionalProperties: { type: 'string', minLength: 1 } },
      },
      {
        name: 'from',
        in: 'query',
        required: true,
        description:
          'Inclusive start: epoch milliseconds or ISO-8601 UTC (`Z`), on a window boundary of the view (a multiple of its window length since the epoch).',
        schema: { type: 'string' },
      },
      {
        name: 'to',
        in: 'query',
        required: true,
        description:
          'Exclusive end, same format and alignment as `from`; at most SERVING_MAX_WINDOWS (default 1000) windows after it.',
        schema: { type: 'string' },
      },
      {
        name: 'version',
        in: 'query',
        description:
          'View version. Default: the highest with a published batch run, else the highest defined.',
        schema: { type: 'integer', minimum: 1 },
      },
    ],
    responses: {
      '200': cached('The merged answer.', kind === 'series' ? 'Series' : 'Total'),
      '304': { description: 'The client\u2019s copy (If-None-Match) is still current.' },
      '400': problem(
        'Malformed, inverted, unaligned or too large range; missing, unknown or repeated parameters.',
      ),
      '404': problem('Unknown view or version.'),
      ...errors,
    },
  };
}

/** The OpenAPI 3.1 description served at /openapi.json. */
export function openApiDocument(registry: ViewRegistry) {
  const viewIds = [...new Set(registry.views.map((view) => view.id))];
  return {
    openapi: '3.1.0',
    info: {
      title: 'Lambda serving API',
      version: '1.0.0',
      description:
        'One query API over the batch and speed layers. Every window says which layer answered it, and every answer states both watermarks.',
    },
    security: [{ apiKey: [] }],
    paths: {
      '/v1/views': {
        get: {
          summary: 'Every view with its versions, key fields, measures, window and watermarks.',
          responses: {
            '200': cached('The catalog.', 'Catalog'),
            '304': { description: 'Unchanged.' },
            ...errors,
          },
        },
      },
      '/v1/views/{view}/series': { get: rangeOperation(viewIds, 'series') },
      '/v1/views/{view}/total': { get: rangeOperation(viewIds, 'total') },
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
      schemas,
    },
  };
}
