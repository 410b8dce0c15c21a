import { identifier } from '@lambda/schemas';
import { compilePredicate } from './compile-predicate.js';
import type { Measure } from './measures.js';

/**
 * One measure as a ClickHouse aggregate over deduplicated rows, with the executor's rules:
 * missing values never contribute, min and max are NULL when nothing contributed (plain
 * `minIf` would say 0), sums are exact Int64.
 */
export function compileMeasure(measure: Measure): string {
  const where = measure.where ? compilePredicate(measure.where) : undefined;
  if (measure.kind === 'count') return where ? `countIf(${where})` : 'count()';
  const column = identifier(measure.field);
  const contributes = where ? `isNotNull(${column}) AND ${where}` : `isNotNull(${column})`;
  const value = `assumeNotNull(${column})`;
  switch (measure.kind) {
    case 'sum':
      return `sumIf(${value}, ${contributes})`;
    case 'min':
    case 'max':
      return `if(countIf(${contributes}) = 0, NULL, ${measure.kind}If(${value}, ${contributes}))`;
    case 'distinct':
      return `uniqExactIf(${value}, ${contributes})`;
  }
}
