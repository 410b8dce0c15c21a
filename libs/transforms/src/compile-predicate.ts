import { identifier, literal } from '@lambda/schemas';
import type { Predicate, RangeBounds } from './predicate.js';

/**
 * ClickHouse SQL for a predicate that is never NULL. On 18.16 `isNotNull(f) AND f = v` is NULL
 * for a NULL f (and so is its NOT), so every comparison is wrapped in `ifNull(…, 0)`: false
 * when the field is missing, exactly like `evaluatePredicate`.
 */
export function compilePredicate(predicate: Predicate): string {
  switch (predicate.op) {
    case 'eq':
      return falseWhenMissing(`${identifier(predicate.field)} = ${literal(predicate.value)}`);
    case 'in':
      return falseWhenMissing(
        `${identifier(predicate.field)} IN (${predicate.values.map(literal).join(', ')})`,
      );
    case 'range':
      return falseWhenMissing(boundsSql(identifier(predicate.field), predicate.bounds));
    case 'isMissing':
      return `isNull(${identifier(predicate.field)})`;
    case 'and':
    case 'or':
      return `(${predicate.operands.map(compilePredicate).join(` ${predicate.op.toUpperCase()} `)})`;
    case 'not':
      return `not(${compilePredicate(predicate.operand)})`;
  }
}

const falseWhenMissing = (comparison: string) => `ifNull(${comparison}, 0)`;

function boundsSql(column: string, { gte, gt, lte, lt }: Readonly<RangeBounds>): string {
  const comparisons: Array<[string, number | undefined]> = [
    ['>=', gte],
    ['>', gt],
    ['<=', lte],
    ['<', lt],
  ];
  return comparisons
    .flatMap(([operator, bound]) =>
      bound === undefined ? [] : [`${column} ${operator} ${literal(bound)}`],
    )
    .join(' AND ');
}
