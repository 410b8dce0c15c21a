import { PlatformError } from '@lambda/errors';
import type { View } from './define-view.js';
import type { MeasureValue } from './measure-state.js';
import type { ViewRow } from './partial.js';

const INTEGER_TEXT = /^-?\d+$/;

/**
 * A row of `compileViewSql` as returned by ClickHouse JSON (64-bit integers arrive as
 * strings), decoded into what the executor finalizes to.
 */
export function decodeViewRow(view: View, row: Readonly<Record<string, unknown>>): ViewRow {
  const key = row['key'];
  if (typeof key !== 'string') throw malformed(view, 'key', key);
  const measures = Object.fromEntries(
    Object.entries(view.measures).map(([name, measure]) => {
      const value = row[name];
      const nullable = measure.kind === 'min' || measure.kind === 'max';
      return [name, value === null && nullable ? null : integer(view, name, value)];
    }),
  );
  return {
    key,
    windowStartMs: Number(integer(view, 'window_start_ms', row['window_start_ms'])),
    measures,
  };
}

function integer(view: View, column: string, value: unknown): Exclude<MeasureValue, null> {
  if ((typeof value === 'string' && INTEGER_TEXT.test(value)) || Number.isSafeInteger(value))
    return BigInt(value as string | number);
  throw malformed(view, column, value);
}

function malformed(view: View, column: string, value: unknown): PlatformError {
  return new PlatformError(`view ${view.id} row has no valid ${column}: ${JSON.stringify(value)}`, {
    code: 'invalid_view_row',
    context: { view: view.id, column },
  });
}
