import { deriveMeasures, type MeasureKind, type MeasureValue, type View } from '@lambda/transforms';
import { LAYERS, type Layer } from './layer-plan.js';
import type { ServedWindow } from './merge-windows.js';
import type { Measures } from './window-measures.js';

/** A measure or derived measure a total leaves out, and why. (A type, so it is JSON-assignable.) */
export type Omission = { name: string; reason: string };

export interface RangeTotal {
  /** How many windows each layer served; `none` windows contribute nothing. */
  layers: Readonly<Record<Layer, number>>;
  measures: Measures;
  derived: Readonly<Record<string, number | null>>;
  omitted: readonly Omission[];
}

const DISTINCT_REASON =
  'A distinct count over several windows is not the sum of their distinct counts (one customer may appear in many), and settled windows keep only their counts; query the series for per-window values.';

/**
 * The served windows combined: counts and sums add, min and max take the extreme present value.
 * Distinct measures (and ratios over them) are omitted rather than approximated.
 */
export function totalOf(view: View, windows: readonly ServedWindow[]): RangeTotal {
  const layers = Object.fromEntries(LAYERS.map((layer) => [layer, 0])) as Record<Layer, number>;
  for (const window of windows) layers[window.layer] += 1;
  const served = windows.flatMap((window) => (window.measures ? [window.measures] : []));
  const omittedMeasures: string[] = [];
  const measures: Record<string, MeasureValue> = {};
  for (const [name, { kind }] of Object.entries(view.measures)) {
    if (kind === 'distinct') omittedMeasures.push(name);
    else
      measures[name] = combine(
        kind,
        served.map((values) => values[name] ?? null),
      );
  }
  const omittedDerived = Object.entries(view.derived)
    .filter(
      ([, { numerator, denominator }]) =>
        omittedMeasures.includes(numerator) || omittedMeasures.includes(denominator),
    )
    .map(([name]) => name);
  const derived = Object.fromEntries(
    Object.entries(deriveMeasures(view, measures)).filter(
      ([name]) => !omittedDerived.includes(name),
    ),
  );
  return {
    layers,
    measures,
    derived,
    omitted: [...omittedMeasures, ...omittedDerived].map((name) => ({
      name,
      reason: DISTINCT_REASON,
    })),
  };
}

function combine(
  kind: Exclude<MeasureKind, 'distinct'>,
  values: readonly MeasureValue[],
): MeasureValue {
  const present = values.filter((value): value is bigint => value !== null);
  switch (kind) {
    case 'min':
      return present.reduce<bigint | null>((a, b) => (a === null || b < a ? b : a), null);
    case 'max':
      return present.reduce<bigint | null>((a, b) => (a === null || b > a ? b : a), null);
    case 'count':
    case 'sum':
      return present.reduce((a, b) => a + b, 0n);
  }
}
