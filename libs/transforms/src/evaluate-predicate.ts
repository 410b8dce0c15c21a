import type { FieldValue } from '@lambda/schemas';
import type { Predicate, RangeBounds } from './predicate.js';

export type EventFields = Readonly<Record<string, FieldValue | null>>;

/** A field the event's version does not have counts as missing, like NULL in its master table column. */
export const fieldValue = (fields: EventFields, field: string): FieldValue | null =>
  fields[field] ?? null;

/** Two-valued evaluation: every comparison on a missing field is false. */
export function evaluatePredicate(predicate: Predicate, fields: EventFields): boolean {
  switch (predicate.op) {
    case 'eq':
      return fieldValue(fields, predicate.field) === predicate.value;
    case 'in': {
      const value = fieldValue(fields, predicate.field);
      return value !== null && predicate.values.includes(value);
    }
    case 'range':
      return withinBounds(fieldValue(fields, predicate.field), predicate.bounds);
    case 'isMissing':
      return fieldValue(fields, predicate.field) === null;
    case 'and':
      return predicate.operands.every((operand) => evaluatePredicate(operand, fields));
    case 'or':
      return predicate.operands.some((operand) => evaluatePredicate(operand, fields));
    case 'not':
      return !evaluatePredicate(predicate.operand, fields);
  }
}

function withinBounds(
  value: FieldValue | null,
  { gte, gt, lte, lt }: Readonly<RangeBounds>,
): boolean {
  return (
    typeof value === 'number' &&
    (gte === undefined || value >= gte) &&
    (gt === undefined || value > gt) &&
    (lte === undefined || value <= lte) &&
    (lt === undefined || value < lt)
  );
}
