import { PlatformError } from '@lambda/errors';
import { evaluatePredicate, fieldValue, type EventFields } from './evaluate-predicate.js';
import type { Measure } from './measures.js';

/**
 * The mergeable state of one measure: integers are exact bigints, never floats; min and max
 * are null until a value contributes; distinct keeps the canonical text of each value.
 */
export type MeasureState =
  | { readonly kind: 'count' | 'sum'; value: bigint }
  | { readonly kind: 'min' | 'max'; value: bigint | null }
  | { readonly kind: 'distinct'; readonly values: Set<string> };

/** What a finalized measure is: distinct becomes its size; min and max stay null when nothing contributed. */
export type MeasureValue = bigint | null;

export function emptyMeasureState({ kind }: Measure): MeasureState {
  switch (kind) {
    case 'count':
    case 'sum':
      return { kind, value: 0n };
    case 'min':
    case 'max':
      return { kind, value: null };
    case 'distinct':
      return { kind, values: new Set() };
  }
}

/** Adds one event to a state in place: the executor's hot path. */
export function accumulate(state: MeasureState, measure: Measure, fields: EventFields): void {
  if (measure.where && !evaluatePredicate(measure.where, fields)) return;
  if (state.kind === 'count') {
    state.value += 1n;
    return;
  }
  const value = measure.kind === 'count' ? null : fieldValue(fields, measure.field);
  if (value === null) return;
  switch (state.kind) {
    case 'sum':
      state.value += BigInt(value);
      return;
    case 'min':
    case 'max':
      state.value = extreme(state.kind, state.value, BigInt(value));
      return;
    case 'distinct':
      state.values.add(String(value));
  }
}

/** Associative and commutative, so partials from any partitions combine in any order. */
export function mergeMeasureStates(a: MeasureState, b: MeasureState): MeasureState {
  if (a.kind === 'distinct' && b.kind === 'distinct')
    return { kind: a.kind, values: new Set([...a.values, ...b.values]) };
  if ((a.kind === 'count' || a.kind === 'sum') && b.kind === a.kind)
    return { kind: a.kind, value: a.value + b.value };
  if ((a.kind === 'min' || a.kind === 'max') && b.kind === a.kind)
    return { kind: a.kind, value: b.value === null ? a.value : extreme(a.kind, a.value, b.value) };
  throw new PlatformError(`cannot merge a ${a.kind} state with a ${b.kind} state`, {
    code: 'measure_state_mismatch',
  });
}

export function finalizeMeasure(state: MeasureState): MeasureValue {
  return state.kind === 'distinct' ? BigInt(state.values.size) : state.value;
}

function extreme(kind: 'min' | 'max', current: bigint | null, candidate: bigint): bigint {
  if (current === null) return candidate;
  return (kind === 'min' ? candidate < current : candidate > current) ? candidate : current;
}
