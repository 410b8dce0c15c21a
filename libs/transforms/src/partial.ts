import { PlatformError } from '@lambda/errors';
import {
  emptyMeasureState,
  finalizeMeasure,
  mergeMeasureStates,
  type MeasureState,
  type MeasureValue,
} from './measure-state.js';
import type { View } from './define-view.js';
import { EventIdSet } from './event-id-set.js';

/**
 * The speed layer's state for one (key, window): plain data (bigints, strings, sets) that can
 * be stored and restored, and merged with partials of other Kafka partitions.
 */
export interface WindowPartial {
  readonly key: string;
  readonly windowStartMs: number;
  readonly measures: Readonly<Record<string, MeasureState>>;
  /** event_ids applied to this window, so a re-delivery changes nothing. */
  readonly eventIds: EventIdSet;
  /** Events of this window that arrived after it settled: batch counts them, speed did not. */
  lateDropped: number;
}

/** One finalized (key, window) of a view: what the speed layer finalizes to and batch SQL decodes to. */
export interface ViewRow {
  readonly key: string;
  readonly windowStartMs: number;
  readonly measures: Readonly<Record<string, MeasureValue>>;
}

export function emptyPartial(view: View, key: string, windowStartMs: number): WindowPartial {
  const measures = Object.fromEntries(
    Object.entries(view.measures).map(([name, measure]) => [name, emptyMeasureState(measure)]),
  );
  return { key, windowStartMs, measures, eventIds: new EventIdSet(), lateDropped: 0 };
}

/**
 * Combines partials of the same (key, window), e.g. from different Kafka partitions. Dedup
 * holds within a partial; a duplicate delivered to two partitions counts twice.
 */
export function mergePartials(a: WindowPartial, b: WindowPartial): WindowPartial {
  const names = Object.keys(a.measures);
  if (
    a.key !== b.key ||
    a.windowStartMs !== b.windowStartMs ||
    !sameMembers(names, Object.keys(b.measures))
  )
    throw new PlatformError('only partials of the same view, key and window can be merged', {
      code: 'partial_mismatch',
      context: { a: [a.key, a.windowStartMs], b: [b.key, b.windowStartMs] },
    });
  const measures = Object.fromEntries(
    names.map((name) => [
      name,
      mergeMeasureStates(a.measures[name] as MeasureState, b.measures[name] as MeasureState),
    ]),
  );
  return {
    key: a.key,
    windowStartMs: a.windowStartMs,
    measures,
    eventIds: EventIdSet.of([...a.eventIds, ...b.eventIds]),
    lateDropped: a.lateDropped + b.lateDropped,
  };
}

/** A deep copy, so the executor can keep mutating its own. */
export function copyPartial(partial: WindowPartial): WindowPartial {
  const measures = Object.fromEntries(
    Object.entries(partial.measures).map(([name, state]) => [
      name,
      state.kind === 'distinct'
        ? { kind: state.kind, values: new Set(state.values) }
        : { ...state },
    ]),
  );
  return { ...partial, measures, eventIds: partial.eventIds.copy() };
}

export function finalizeMeasures(
  measures: Readonly<Record<string, MeasureState>>,
): Record<string, MeasureValue> {
  return Object.fromEntries(
    Object.entries(measures).map(([name, state]) => [name, finalizeMeasure(state)]),
  );
}

export function finalizeWindow({ key, windowStartMs, measures }: WindowPartial): ViewRow {
  return { key, windowStartMs, measures: finalizeMeasures(measures) };
}

const sameMembers = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((name) => b.includes(name));
