/** JSON Schema (2020-12, as OpenAPI 3.1 uses) of every serving answer. */

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const nullable = (type: string, extra: Record<string, unknown> = {}) => ({
  type: [type, 'null'],
  ...extra,
});
const timestamp = { type: 'string', format: 'date-time' };
const object = (properties: Record<string, unknown>, description?: string) => ({
  type: 'object',
  ...(description && { description }),
  required: Object.keys(properties),
  properties,
  additionalProperties: false,
});

const measures = {
  type: 'object',
  description:
    'Finalized measures by name. Exact integers, written as JSON numbers with every digit (values beyond 2^53 are not rounded in the text; parse them with a big-integer aware parser). Counts, sums and distinct counts are 0 for windows without events; min and max are null when nothing contributed, and every measure is null in `none` windows.',
  additionalProperties: { type: ['integer', 'null'] },
};

const derived = {
  type: 'object',
  description:
    'Ratios computed at read time from the measures (e.g. averages). Floats; null when the denominator is 0 or absent.',
  additionalProperties: { type: ['number', 'null'] },
};

const provenance = {
  view: { type: 'string' },
  version: { type: 'integer', minimum: 1 },
  window: { type: 'string', description: 'Window length, e.g. 1h.' },
  key: {
    type: 'object',
    description: 'The key fields of the request and their values.',
    additionalProperties: { type: 'string' },
  },
  from: timestamp,
  to: timestamp,
  batchRunId: nullable('string', {
    description: 'The published batch run answering settled windows.',
  }),
  batchWatermark: nullable('string', {
    format: 'date-time',
    description: 'Windows ending at or before it are served by batch; null before the first run.',
  }),
  speedWatermark: nullable('string', {
    format: 'date-time',
    description:
      'The speed layer has applied events up to this event time in every Kafka partition (the slowest one); null before any.',
  }),
  pinnedToBatch: {
    type: 'boolean',
    description:
      'Reconciliation found drift: windows after the batch watermark are not answered (layer `none`) until a clean batch run.',
  },
  pinnedReason: nullable('string'),
};

const layer = { type: 'string', enum: ['batch', 'speed', 'none'] };

export const schemas = {
  Measures: measures,
  Derived: derived,
  Window: object(
    {
      start: timestamp,
      end: timestamp,
      layer: { ...layer, description: 'The layer that answered the window.' },
      measures: ref('Measures'),
      derived: ref('Derived'),
    },
    'One window [start, end).',
  ),
  Series: object({
    ...provenance,
    windows: { type: 'array', items: ref('Window') },
  }),
  Total: object({
    ...provenance,
    windowsByLayer: object(
      { batch: { type: 'integer' }, speed: { type: 'integer' }, none: { type: 'integer' } },
      'Windows of the range by the layer that answered them; `none` windows contribute nothing.',
    ),
    measures: ref('Measures'),
    derived: ref('Derived'),
    omitted: {
      type: 'array',
      description:
        'Measures left out of the total, with the reason: distinct counts (and ratios over them), because the distinct count of a range is not the sum of its windows\u2019 distinct counts.',
      items: object({ name: { type: 'string' }, reason: { type: 'string' } }),
    },
  }),
  ViewVersion: object({
    version: { type: 'integer', minimum: 1 },
    description: { type: 'string' },
    window: { type: 'string' },
    windowMs: { type: 'integer' },
    keyFields: { type: 'array', items: { type: 'string' } },
    measures: {
      type: 'object',
      additionalProperties: object({
        kind: { type: 'string', enum: ['count', 'sum', 'min', 'max', 'distinct'] },
      }),
    },
    derived: {
      type: 'object',
      additionalProperties: object({
        kind: { type: 'string', enum: ['ratio'] },
        numerator: { type: 'string' },
        denominator: { type: 'string' },
      }),
    },
    batchRunId: provenance.batchRunId,
    batchWatermark: provenance.batchWatermark,
    pinnedToBatch: provenance.pinnedToBatch,
    pinnedReason: provenance.pinnedReason,
  }),
  Catalog: object({
    speedWatermark: provenance.speedWatermark,
    views: {
      type: 'array',
      items: object({
        id: { type: 'string' },
        defaultVersion: {
          type: 'integer',
          description:
            'Served without `version=`: the highest version with a published batch run, else the highest defined.',
        },
        versions: { type: 'array', items: ref('ViewVersion') },
      }),
    },
  }),
  Problem: {
    type: 'object',
    description: 'RFC 9457 problem details.',
    required: ['type', 'title', 'status', 'detail'],
    properties: {
      type: { type: 'string', description: 'urn:lambda:problem:<code>' },
      title: { type: 'string' },
      status: { type: 'integer' },
      detail: { type: 'string' },
    },
  },
};
