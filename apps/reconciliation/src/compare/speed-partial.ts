import {
  emptyPartial,
  mergePartials,
  type MeasureState,
  type View,
  type WindowPartial,
} from '@lambda/transforms';
import type { SpeedRow } from '@lambda/views-store';

function stateFrom(state: MeasureState, name: string, row: SpeedRow): MeasureState {
  if (state.kind === 'distinct')
    return { kind: 'distinct', values: new Set(row.distinctValues[name] ?? []) };
  const stored = row.measures[name];
  return stored === undefined ? state : ({ kind: state.kind, value: stored } as MeasureState);
}

/** One Kafka partition's stored row as the partial the speed executor held. */
export function partialOfSpeedRow(view: View, key: string, row: SpeedRow): WindowPartial {
  const empty = emptyPartial(view, key, row.windowStartMs);
  const measures = Object.fromEntries(
    Object.entries(empty.measures).map(([name, state]) => [name, stateFrom(state, name, row)]),
  );
  return { ...empty, measures };
}

/** A key's speed value per window: its partitions' partials merged as serving merges them. */
export function mergeSpeedRows(
  view: View,
  key: string,
  rows: readonly SpeedRow[],
): Map<number, WindowPartial> {
  const windows = new Map<number, WindowPartial>();
  for (const row of rows) {
    const partial = partialOfSpeedRow(view, key, row);
    const held = windows.get(row.windowStartMs);
    windows.set(row.windowStartMs, held ? mergePartials(held, partial) : partial);
  }
  return windows;
}
