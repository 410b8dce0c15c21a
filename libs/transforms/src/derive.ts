import type { View } from './define-view.js';
import type { MeasureValue } from './measure-state.js';

/**
 * The view's derived measures from finalized measures, at read time. Floats are fine here
 * because they are never stored; an empty denominator gives null, not Infinity.
 */
export function deriveMeasures(
  view: View,
  measures: Readonly<Record<string, MeasureValue>>,
): Record<string, number | null> {
  return Object.fromEntries(
    Object.entries(view.derived).map(([name, { numerator, denominator }]) => {
      const top = measures[numerator] ?? null;
      const bottom = measures[denominator] ?? null;
      return [
        name,
        top === null || bottom === null || bottom === 0n ? null : Number(top) / Number(bottom),
      ];
    }),
  );
}
