import type { FieldValue } from '@lambda/schemas';

/** Inclusive and exclusive integer bounds; at least one, never both of a pair. */
export interface RangeBounds {
  gte?: number;
  gt?: number;
  lte?: number;
  lt?: number;
}

/**
 * A filter in the one language both executions understand. Logic is two-valued: a
 * comparison on a missing (null) field is false, so `not(eq(f, v))` holds when f is missing.
 */
export type Predicate<Field extends string = string> =
  | { readonly op: 'eq'; readonly field: Field; readonly value: FieldValue }
  | { readonly op: 'in'; readonly field: Field; readonly values: readonly FieldValue[] }
  | { readonly op: 'range'; readonly field: Field; readonly bounds: Readonly<RangeBounds> }
  | { readonly op: 'isMissing'; readonly field: Field }
  | { readonly op: 'and' | 'or'; readonly operands: readonly Predicate<Field>[] }
  | { readonly op: 'not'; readonly operand: Predicate<Field> };

export const eq = <const Field extends string>(
  field: Field,
  value: FieldValue,
): Predicate<Field> => ({
  op: 'eq',
  field,
  value,
});

/** `in` is a reserved word, hence the name. */
export const oneOf = <const Field extends string>(
  field: Field,
  values: readonly FieldValue[],
): Predicate<Field> => ({
  op: 'in',
  field,
  values,
});

export const range = <const Field extends string>(
  field: Field,
  bounds: RangeBounds,
): Predicate<Field> => ({
  op: 'range',
  field,
  bounds,
});

export const isMissing = <const Field extends string>(field: Field): Predicate<Field> => ({
  op: 'isMissing',
  field,
});

export const and = <const Field extends string>(
  ...operands: Predicate<Field>[]
): Predicate<Field> => ({
  op: 'and',
  operands,
});

export const or = <const Field extends string>(
  ...operands: Predicate<Field>[]
): Predicate<Field> => ({
  op: 'or',
  operands,
});

export const not = <const Field extends string>(operand: Predicate<Field>): Predicate<Field> => ({
  op: 'not',
  operand,
});
