import type { CassandraClient } from '@lambda/cassandra';
import { PlatformError } from '@lambda/errors';
import type { View } from '@lambda/transforms';
import {
  compareWindow,
  type MeasureComparison,
  type WindowInputs,
} from '../compare/compare-window.js';
import type { ComparisonRange } from '../compare/comparison-range.js';
import { createDivergenceTally, type MeasureDivergence } from '../compare/divergence.js';
import { lateContributions, windowId, type AppliedEvents } from '../compare/late-contribution.js';
import type { WindowRef } from '../verdict/coalesce-windows.js';
import { forEachBounded } from '@lambda/views-store';
import { readKeyWindows, type KeyWindows } from '../read/key-windows.js';
import { lateDeliveries } from '../read/late-deliveries.js';
import { keysOfRange, type ResultsDatabase } from '../read/view-keys.js';

export interface CompareStores {
  results: ResultsDatabase;
  cassandra: CassandraClient;
}

export interface CompareOptions {
  /** Keys read from Cassandra at once. */
  concurrency: number;
  /** Aborted on shutdown: the comparison stops at its next key. */
  signal?: AbortSignal;
}

/** One diverging measure of one (key, window). */
export interface Finding extends MeasureComparison {
  key: string;
  windowStartMs: number;
  lateEvents: number;
}

export interface ViewComparison {
  windowsCompared: number;
  measures: MeasureDivergence[];
  findings: Finding[];
  /** Windows with any unexplained divergence: what a repair would recompute. */
  unexplainedWindows: WindowRef[];
}

function assertRunning(signal: AbortSignal | undefined) {
  if (signal?.aborted)
    throw new PlatformError('reconciliation interrupted by shutdown', { code: 'run_interrupted' });
}

async function readAllKeys(
  stores: CompareStores,
  view: View,
  publishedRunId: string,
  range: ComparisonRange,
  { concurrency, signal }: CompareOptions,
): Promise<KeyWindows[]> {
  const keys = await keysOfRange(stores, view, publishedRunId, range);
  const read: KeyWindows[] = [];
  await forEachBounded(keys, concurrency, async (key) => {
    assertRunning(signal);
    read.push(await readKeyWindows(stores.cassandra, view, publishedRunId, key, range));
  });
  return read;
}

/** Late events not applied to their window by speed: the ones that can explain a difference. */
function unappliedLateEvents(keys: readonly KeyWindows[]) {
  const applied: AppliedEvents[] = [];
  const unapplied = new Set<string>();
  for (const { key, lateEventIds, appliedEventIds } of keys)
    for (const [windowStartMs, ids] of lateEventIds) {
      const eventIds = appliedEventIds.get(windowStartMs) ?? new Set<string>();
      applied.push({ key, windowStartMs, eventIds });
      for (const id of ids) if (!eventIds.has(id)) unapplied.add(id);
    }
  return { applied, unapplied: [...unapplied] };
}

function windowInputs(
  keys: readonly KeyWindows[],
  late: ReadonlyMap<string, WindowInputs['late']>,
): WindowInputs[] {
  const held = new Set<number>();
  for (const { speed, lateEventIds } of keys)
    for (const windowStartMs of [...speed.keys(), ...lateEventIds.keys()]) held.add(windowStartMs);
  return keys.flatMap(({ key, batch, speed, lateEventIds }) =>
    [...new Set([...batch.keys(), ...speed.keys(), ...lateEventIds.keys()])]
      .sort((a, b) => a - b)
      .map((windowStartMs) => ({
        key,
        windowStartMs,
        batch: batch.get(windowStartMs),
        speed: speed.get(windowStartMs),
        late: late.get(windowId(key, windowStartMs)),
        lateEvents: lateEventIds.get(windowStartMs)?.size ?? 0,
        speedAbsent: !held.has(windowStartMs),
      })),
  );
}

/**
 * Compares every window of the range that either layer holds, for one view version: batch from
 * the published run, speed merged over its Kafka partitions, and what the late-dropped events
 * would have added (read from the master dataset). Holds the range's rows of the view version in
 * memory: a few days of windows, bounded by the lookback.
 */
export async function compareView(
  stores: CompareStores,
  view: View,
  publishedRunId: string,
  range: ComparisonRange,
  options: CompareOptions,
): Promise<ViewComparison> {
  const keys = await readAllKeys(stores, view, publishedRunId, range, options);
  const { applied, unapplied } = unappliedLateEvents(keys);
  assertRunning(options.signal);
  const deliveries = await lateDeliveries(stores.results, view, unapplied, range);
  const late = lateContributions(view, deliveries, applied);

  const tally = createDivergenceTally(Object.keys(view.measures));
  const findings: Finding[] = [];
  const unexplainedWindows: WindowRef[] = [];
  for (const inputs of windowInputs(keys, late)) {
    const comparisons = compareWindow(view, inputs);
    tally.add(comparisons);
    const { key, windowStartMs, lateEvents } = inputs;
    for (const comparison of comparisons)
      if (comparison.kind) findings.push({ ...comparison, key, windowStartMs, lateEvents });
    if (comparisons.some((c) => c.unexplained > 0n))
      unexplainedWindows.push({ key, windowStartMs });
  }
  return {
    windowsCompared: tally.windows,
    measures: tally.measures(),
    findings,
    unexplainedWindows,
  };
}
