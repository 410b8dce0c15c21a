import type { MeasureKind, MeasureValue, View } from '@lambda/transforms';
import type { BatchRow, SpeedRow } from '@lambda/views-store';

/** A window's finalized measures: exact integers; min and max null when nothing contributed. */
export type Measures = Readonly<Record<string, MeasureValue>>;

type MeasureList = readonly (readonly [name: string, kind: MeasureKind])[];

// Every request walks the measures of every window: list them once per view.
const measureLists = new WeakMap<View, MeasureList>();
function measuresOf(view: View): MeasureList {
  let list = measureLists.get(view);
  if (!list) {
    list = Object.entries(view.measures).map(([name, { kind }]) => [name, kind] as const);
    measureLists.set(view, list);
  }
  return list;
}

const isExtreme = (kind: MeasureKind) => kind === 'min' || kind === 'max';

/** A window without events: counts, sums and distinct counts are 0, min and max have no value. */
export function emptyMeasures(view: View): Measures {
  const measures: Record<string, MeasureValue> = {};
  for (const [name, kind] of measuresOf(view)) measures[name] = isExtreme(kind) ? null : 0n;
  return measures;
}

/** Batch rows hold final values; an absent entry is a min or max nothing contributed to. */
export function batchMeasures(view: View, row: BatchRow): Measures {
  const measures: Record<string, MeasureValue> = {};
  for (const [name, kind] of measuresOf(view))
    measures[name] = row.measures[name] ?? (isExtreme(kind) ? null : 0n);
  return measures;
}

/**
 * One window from its Kafka partitions' partial rows, with the merge semantics of the speed
 * layer's `mergePartials` (a property test holds the two equal): counts and sums add, min and
 * max take the extreme present value, distinct counts the union, so a customer seen by two
 * partitions counts once. Folded directly because it runs for every speed window of every request.
 */
export function speedMeasures(view: View, rows: readonly SpeedRow[]): Measures {
  const measures: Record<string, MeasureValue> = {};
  for (const [name, kind] of measuresOf(view)) {
    if (kind === 'distinct') {
      const union = new Set<string>();
      for (const row of rows) for (const value of row.distinctValues[name] ?? []) union.add(value);
      measures[name] = BigInt(union.size);
      continue;
    }
    let merged: bigint | null = isExtreme(kind) ? null : 0n;
    for (const row of rows) {
      const value = row.measures[name];
      if (value === undefined) continue;
      if (merged === null) merged = value;
      else if (kind === 'min') merged = value < merged ? value : merged;
      else if (kind === 'max') merged = value > merged ? value : merged;
      else merged += value;
    }
    measures[name] = merged;
  }
  return measures;
}
