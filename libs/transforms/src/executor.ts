import type { FieldValue, ParsedEvent } from '@lambda/schemas';
import type { View } from './define-view.js';
import { evaluatePredicate, fieldValue } from './evaluate-predicate.js';
import { encodeKey } from './key.js';
import { accumulate } from './measure-state.js';
import { copyPartial, emptyPartial, type WindowPartial } from './partial.js';
import { windowStartMs } from './window.js';

/** What became of one event: only `applied` changed a measure. */
export type ApplyOutcome = 'applied' | 'duplicate' | 'late' | 'filtered' | 'not_in_source';

export interface ViewExecutorOptions {
  view: View;
  /**
   * How far behind the watermark a window still accepts events. A window whose end plus this
   * is at or before the watermark is settled. `Infinity` accepts everything.
   */
  allowedLatenessMs: number;
  /** State saved before a restart. Default: nothing applied yet. */
  resumeFrom?: { watermarkMs: number | null; partials: readonly WindowPartial[] };
}

/** The (key, window) an event belongs to in a view. */
export interface WindowAddress {
  key: string;
  windowStartMs: number;
}

/** What `applyLocated` did with an event, and where: undefined when the view ignores the event. */
export interface LocatedOutcome {
  outcome: ApplyOutcome;
  address: WindowAddress | undefined;
}

export interface ViewExecutor {
  apply(event: ParsedEvent): ApplyOutcome;
  /** `apply`, also returning the (key, window) the event went to, so callers need not `locate` it again. */
  applyLocated(event: ParsedEvent): LocatedOutcome;
  /** Where `apply` would put the event; undefined when the view ignores it (other source, filtered). */
  locate(event: ParsedEvent): WindowAddress | undefined;
  /** Whether a window no longer accepts events at the current watermark. */
  isSettled(windowStartMs: number): boolean;
  /** The partial held for a window, if any. Read-only for the caller. */
  get(key: string, windowStartMs: number): Readonly<WindowPartial> | undefined;
  /**
   * Adopts a partial saved earlier (e.g. loaded after a restart), unless one is already held;
   * its event_ids keep re-deliveries from counting again.
   */
  restore(partial: WindowPartial): void;
  /** How many partials are held. */
  readonly size: number;
  /** Largest event time seen by this executor (one per Kafka partition); null before the first event. */
  readonly watermarkMs: number | null;
  /** Removes and returns the windows that can no longer change, keeping memory bounded. */
  evictSettled(): WindowPartial[];
  /** Copies of the windows still open, e.g. to write fresh numbers. */
  openPartials(): WindowPartial[];
}

/**
 * Applies a view to events one at a time (in offset order), keeping one partial per
 * (key, window). The first delivery of an event_id wins; later ones change nothing.
 */
export function createViewExecutor({
  view,
  allowedLatenessMs,
  resumeFrom,
}: ViewExecutorOptions): ViewExecutor {
  const windows = new Map<number, Map<string, WindowPartial>>();
  let watermarkMs = resumeFrom?.watermarkMs ?? null;
  for (const partial of resumeFrom?.partials ?? [])
    partialAt(partial.key, partial.windowStartMs, () => copyPartial(partial));

  function partialAt(key: string, startMs: number, create: () => WindowPartial): WindowPartial {
    let byKey = windows.get(startMs);
    if (!byKey) windows.set(startMs, (byKey = new Map()));
    let partial = byKey.get(key);
    if (!partial) byKey.set(key, (partial = create()));
    return partial;
  }

  const isSettled = (startMs: number) =>
    watermarkMs !== null && startMs + view.windowMs + allowedLatenessMs <= watermarkMs;

  const inSource = (event: ParsedEvent) =>
    event.type === view.source.type && view.source.versions.includes(event.schemaVersion);

  const keyValues = (event: ParsedEvent) =>
    // Key fields are required in every source version, so never missing.
    view.key.map((field) => fieldValue(event.fields, field) as FieldValue);

  /** `locate` for an event already known to be in the view's source. */
  function locateInSource(event: ParsedEvent): WindowAddress | undefined {
    if (view.filter && !evaluatePredicate(view.filter, event.fields)) return undefined;
    const key = encodeKey(keyValues(event));
    return { key, windowStartMs: windowStartMs(event.occurredAtMs, view.windowMs) };
  }

  const locate = (event: ParsedEvent) => (inSource(event) ? locateInSource(event) : undefined);

  // Hot path: the measure list once, not an Object.entries array per event.
  const measures = Object.entries(view.measures);
  const ignored = {
    not_in_source: { outcome: 'not_in_source', address: undefined },
    filtered: { outcome: 'filtered', address: undefined },
  } as const satisfies Record<string, LocatedOutcome>;

  function applyLocated(event: ParsedEvent): LocatedOutcome {
    watermarkMs = Math.max(watermarkMs ?? event.occurredAtMs, event.occurredAtMs);
    if (!inSource(event)) return ignored.not_in_source;
    const address = locateInSource(event);
    if (!address) return ignored.filtered;
    const { key, windowStartMs: startMs } = address;
    const partial = partialAt(key, startMs, () => emptyPartial(view, key, startMs));
    if (isSettled(startMs)) {
      partial.lateDropped++;
      return { outcome: 'late', address };
    }
    if (!partial.eventIds.insert(event.eventId)) return { outcome: 'duplicate', address };
    for (const [name, measure] of measures)
      accumulate(partial.measures[name]!, measure, event.fields);
    return { outcome: 'applied', address };
  }

  return {
    locate,
    isSettled,
    get: (key, startMs) => windows.get(startMs)?.get(key),
    restore(partial) {
      partialAt(partial.key, partial.windowStartMs, () => copyPartial(partial));
    },
    get size() {
      let held = 0;
      for (const byKey of windows.values()) held += byKey.size;
      return held;
    },
    apply: (event) => applyLocated(event).outcome,
    applyLocated,
    get watermarkMs() {
      return watermarkMs;
    },
    evictSettled() {
      const settled = [...windows].filter(([startMs]) => isSettled(startMs));
      for (const [startMs] of settled) windows.delete(startMs);
      return settled.flatMap(([, byKey]) => [...byKey.values()]);
    },
    openPartials() {
      return [...windows.values()].flatMap((byKey) => [...byKey.values()].map(copyPartial));
    },
  };
}
