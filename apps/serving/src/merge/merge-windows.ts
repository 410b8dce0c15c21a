import type { View } from '@lambda/transforms';
import type { BatchRow, SpeedRow } from '@lambda/views-store';
import type { WindowRange } from '../query/window-range.js';
import { layerOf, type Layer, type LayerPlan } from './layer-plan.js';
import { batchMeasures, emptyMeasures, speedMeasures, type Measures } from './window-measures.js';

export interface ServedWindow {
  startMs: number;
  endMs: number;
  layer: Layer;
  /** null for `none` windows: no layer may answer them. */
  measures: Measures | null;
}

export interface WindowSources {
  view: View;
  range: WindowRange;
  plan: LayerPlan;
  batchRows: readonly BatchRow[];
  speedRows: readonly SpeedRow[];
}

/**
 * Every window of the range, in order, each from the one layer the plan gives it. Rows a layer
 * holds for windows the plan gives another layer are ignored (speed rows of settled windows, for
 * example), and windows without rows are empty rather than missing.
 */
export function mergeWindows({
  view,
  range,
  plan,
  batchRows,
  speedRows,
}: WindowSources): ServedWindow[] {
  const batchByStart = new Map(batchRows.map((row) => [row.windowStartMs, row]));
  const speedByStart = groupByWindow(speedRows);
  const empty = emptyMeasures(view);
  const measuresOf = (layer: Layer, startMs: number): Measures | null => {
    switch (layer) {
      case 'none':
        return null;
      case 'batch': {
        const row = batchByStart.get(startMs);
        return row ? batchMeasures(view, row) : empty;
      }
      case 'speed': {
        const rows = speedByStart.get(startMs);
        return rows ? speedMeasures(view, rows) : empty;
      }
    }
  };
  const windows: ServedWindow[] = [];
  for (let startMs = range.fromMs; startMs < range.toMs; startMs += view.windowMs) {
    const layer = layerOf(plan, startMs);
    windows.push({
      startMs,
      endMs: startMs + view.windowMs,
      layer,
      measures: measuresOf(layer, startMs),
    });
  }
  return windows;
}

function groupByWindow(rows: readonly SpeedRow[]): Map<number, SpeedRow[]> {
  const groups = new Map<number, SpeedRow[]>();
  for (const row of rows) {
    const group = groups.get(row.windowStartMs);
    if (group) group.push(row);
    else groups.set(row.windowStartMs, [row]);
  }
  return groups;
}
