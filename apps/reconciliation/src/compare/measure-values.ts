import type { Measure, MeasureValue } from '@lambda/transforms';

/** batch_view leaves out a min or max nothing contributed to (null); count, sum and distinct are 0. */
export function batchValue(measure: Measure, stored: bigint | undefined): MeasureValue {
  if (stored !== undefined) return stored;
  return measure.kind === 'min' || measure.kind === 'max' ? null : 0n;
}

/** A null min or max weighs nothing. */
export const magnitude = (value: MeasureValue): bigint =>
  value === null ? 0n : value < 0n ? -value : value;

/** |a - b|, a null min or max counting as absent: its distance to a value is that value's size. */
export function distance(a: MeasureValue, b: MeasureValue): bigint {
  if (a === null) return magnitude(b);
  if (b === null) return magnitude(a);
  return magnitude(a - b);
}
