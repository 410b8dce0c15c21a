import type { Predicate } from './predicate.js';

export interface MeasureOptions<Field extends string = string> {
  /** Only events matching it contribute (ClickHouse's -If combinator). */
  where?: Predicate<Field>;
}

/**
 * The closed set of mergeable aggregations. Missing values never contribute to sum, min, max
 * or distinct; count counts every event that passes the filters.
 */
export type Measure<Field extends string = string> =
  | { readonly kind: 'count'; readonly where?: Predicate<Field> }
  | {
      readonly kind: 'sum' | 'min' | 'max' | 'distinct';
      readonly field: Field;
      readonly where?: Predicate<Field>;
    };

export type MeasureKind = Measure['kind'];

export const count = <const Field extends string = never>({
  where,
}: MeasureOptions<Field> = {}): Measure<Field> => ({
  kind: 'count',
  ...(where && { where }),
});

const ofField =
  (kind: 'sum' | 'min' | 'max' | 'distinct') =>
  <const Field extends string>(
    field: Field,
    { where }: MeasureOptions<Field> = {},
  ): Measure<Field> => ({
    kind,
    field,
    ...(where && { where }),
  });

/** Exact integer sum; only over integer fields. */
export const sum = ofField('sum');
export const min = ofField('min');
export const max = ofField('max');
/** Number of distinct present values (exact). */
export const distinct = ofField('distinct');

/** Computed at read time from finalized measures, never stored. */
export interface Ratio<MeasureName extends string = string> {
  readonly kind: 'ratio';
  readonly numerator: MeasureName;
  readonly denominator: MeasureName;
}

export const ratio = <const MeasureName extends string>(
  numerator: MeasureName,
  denominator: MeasureName,
): Ratio<MeasureName> => ({ kind: 'ratio', numerator, denominator });
