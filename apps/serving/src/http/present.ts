import { deriveMeasures, type View } from '@lambda/transforms';
import type { ViewState } from '@lambda/views-store';
import type { ServedWindow } from '../merge/merge-windows.js';
import { totalOf } from '../merge/range-total.js';
import type { RangeRequest } from '../query/range-request.js';
import type { ViewCatalogEntry } from '../query/view-catalog.js';
import { isoInstant } from './iso-instant.js';

const iso = (ms: number | null) => (ms === null ? null : isoInstant(ms));
const nulls = (names: readonly string[]) => Object.fromEntries(names.map((name) => [name, null]));

/** What every range answer states: which version answered, and how fresh batch is. */
function provenance({ view, key, range, state }: RangeRequest) {
  return {
    view: view.id,
    version: view.version,
    window: view.window,
    key: key.fields,
    from: iso(range.fromMs),
    to: iso(range.toMs),
    batchRunId: state.batchRunId,
    batchWatermark: iso(state.batchWatermarkMs),
    pinnedToBatch: state.pinnedToBatch,
    pinnedReason: state.pinnedReason,
  };
}

export function presentSeries(request: RangeRequest, windows: readonly ServedWindow[]) {
  const { view } = request;
  const unanswered = {
    measures: nulls(Object.keys(view.measures)),
    derived: nulls(Object.keys(view.derived)),
  };
  return {
    ...provenance(request),
    windows: windows.map(({ startMs, endMs, layer, measures }) => ({
      start: isoInstant(startMs),
      end: isoInstant(endMs),
      layer,
      ...(measures ? { measures, derived: deriveMeasures(view, measures) } : unanswered),
    })),
  };
}

export function presentTotal(request: RangeRequest, windows: readonly ServedWindow[]) {
  const { layers, measures, derived, omitted } = totalOf(request.view, windows);
  return { ...provenance(request), windowsByLayer: layers, measures, derived, omitted };
}

function presentVersion(view: View, state: ViewState) {
  return {
    version: view.version,
    description: view.description,
    window: view.window,
    windowMs: view.windowMs,
    keyFields: view.key,
    measures: Object.fromEntries(
      Object.entries(view.measures).map(([name, { kind }]) => [name, { kind }]),
    ),
    derived: Object.fromEntries(
      Object.entries(view.derived).map(([name, { kind, numerator, denominator }]) => [
        name,
        { kind, numerator, denominator },
      ]),
    ),
    batchRunId: state.batchRunId,
    batchWatermark: iso(state.batchWatermarkMs),
    pinnedToBatch: state.pinnedToBatch,
    pinnedReason: state.pinnedReason,
  };
}

export function presentCatalog(entries: readonly ViewCatalogEntry[]) {
  return {
    views: entries.map(({ id, defaultVersion, versions }) => ({
      id,
      defaultVersion,
      versions: versions.map(({ view, state }) => presentVersion(view, state)),
    })),
  };
}
