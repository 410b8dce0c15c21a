import { z } from 'zod';
import { badRequest } from '@lambda/http';
import { decodeCursor, type RunCursor } from './page-cursor.js';

export interface RunsRequest {
  limit: number;
  windows: number;
  before?: RunCursor;
  viewId?: string;
  version?: number;
}

const integer = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'expected an integer')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

// Strict: a misspelt parameter would otherwise silently change nothing.
const query = z.strictObject({
  limit: integer(1, 100).default(20),
  windows: integer(0, 1_000).default(100),
  before: z.string().optional(),
  view: z.string().min(1).optional(),
  version: integer(1, 1_000_000).optional(),
});

export const RUNS_QUERY_DOC = {
  limit: 'Runs per page, 1–100 (default 20).',
  windows: 'Affected windows listed per run, 0–1000 (default 100), unexplained ones first.',
  before: 'The `next` of the previous page.',
  view: 'Only runs of this view.',
  version: 'Only runs of this version.',
};

/** The runs request, or a 400 problem naming every bad parameter. */
export function parseRunsQuery(raw: Record<string, unknown>): RunsRequest {
  const parsed = query.safeParse(raw);
  if (!parsed.success)
    throw badRequest(
      'invalid_query',
      parsed.error.issues
        .map((i) =>
          i.code === 'unrecognized_keys'
            ? `unknown parameter ${i.keys.join(', ')}`
            : `${i.path.join('.')}: ${i.message}`,
        )
        .join('; '),
    );
  const { limit, windows, before, view, version } = parsed.data;
  const cursor = before === undefined ? undefined : decodeCursor(before);
  if (before !== undefined && !cursor)
    throw badRequest('invalid_query', 'before: not a cursor this API gave out');
  return { limit, windows, before: cursor, viewId: view, version };
}
