import type { ParsedEvent } from '@lambda/schemas';
import {
  createViewExecutor,
  windowStartMs,
  type View,
  type ViewExecutor,
  type WindowPartial,
} from '@lambda/transforms';
import type {
  SpeedLateEvent,
  SpeedPartialAddress,
  SpeedPartialWrite,
  SpeedProgress,
} from '@lambda/views-store';

export interface PartitionWrites {
  partials: SpeedPartialWrite[];
  lateEvents: SpeedLateEvent[];
  /** Written after the partials: where a restart resumes. */
  progress: { kafkaPartition: number; watermarkMs: number | null; maxOffset: bigint };
  /** Written before the partials when they reach later windows than any before (writeWindowBound). */
  windowBound: { kafkaPartition: number; maxWindowStartMs: number; offset: bigint } | undefined;
}

/** What was written of one open window, and what it took in since. */
interface WindowLedger {
  key: string;
  windowStartMs: number;
  /** How many bytes of the window's EventIdSet are stored: the rest are ids new since. */
  storedIdBytes: number;
  /** How many values of each distinct measure are stored: a set's later members are new. */
  storedDistinct: Map<string, number>;
}

interface ViewLane {
  view: View;
  executor: ViewExecutor;
  /**
   * A ledger per open window that was applied to or restored, by window start and key (no id
   * string built per event and view), until it is evicted.
   */
  ledgers: Map<number, Map<string, WindowLedger>>;
  /** Windows changed since the last write. */
  dirty: Set<WindowLedger>;
}

const windowId = (key: string, windowStartMs: number) => `${windowStartMs}\u0000${key}`;

/** Each distinct measure's values in insertion order (sets keep it) from the stored count on. */
function unstoredValues(partial: Readonly<WindowPartial>, ledger: WindowLedger) {
  const fresh: Record<string, string[]> = {};
  for (const [name, state] of Object.entries(partial.measures)) {
    if (state.kind !== 'distinct') continue;
    const stored = ledger.storedDistinct.get(name) ?? 0;
    const values: string[] = (fresh[name] = []);
    let index = 0;
    for (const value of state.values) if (index++ >= stored) values.push(value);
    ledger.storedDistinct.set(name, state.values.size);
  }
  return fresh;
}

function ledgerOf(lane: ViewLane, key: string, windowStartMs: number): WindowLedger {
  let byKey = lane.ledgers.get(windowStartMs);
  if (!byKey) lane.ledgers.set(windowStartMs, (byKey = new Map()));
  let ledger = byKey.get(key);
  if (!ledger) {
    ledger = { key, windowStartMs, storedIdBytes: 0, storedDistinct: new Map() };
    byKey.set(key, ledger);
  }
  return ledger;
}

/**
 * Everything the speed layer knows about one Kafka partition: an executor per view, what changed
 * since the last write, and the events refused as late. Pure: the caller loads and writes.
 */
export function createPartitionState({
  kafkaPartition,
  views,
  allowedLatenessMs,
  progress,
}: {
  kafkaPartition: number;
  views: readonly View[];
  allowedLatenessMs: number;
  /** Where the partition's last durable batch left it; undefined for a partition never written. */
  progress: Pick<SpeedProgress, 'watermarkMs' | 'maxOffset' | 'maxWindowStartMs'> | undefined;
}) {
  const lanes: ViewLane[] = views.map((view) => ({
    view,
    executor: createViewExecutor({
      view,
      allowedLatenessMs,
      resumeFrom: { watermarkMs: progress?.watermarkMs ?? null, partials: [] },
    }),
    ledgers: new Map(),
    dirty: new Set(),
  }));
  let lateEvents: SpeedLateEvent[] = [];
  let appliedOffset = progress?.maxOffset ?? -1n;
  /**
   * Windows starting later than this had no row when the state was made: nothing to read back.
   * No progress row at all means nothing was ever written (the bound is written before any
   * partial); a row without a bound (written before there was one) means anything may exist.
   */
  const storedThrough = progress ? (progress.maxWindowStartMs ?? Infinity) : -Infinity;
  let windowBound = progress?.maxWindowStartMs ?? -Infinity;

  return {
    kafkaPartition,
    /**
     * Every offset up to this one is in this state (and, between batches, in Cassandra). A message
     * at or below it is a re-delivery: applying it again would see its window settled by later
     * events and record it as late, although it was counted.
     */
    get appliedOffset() {
      return appliedOffset;
    },

    /** Partials the events will touch that are neither held nor settled: load them before `apply`. */
    missingPartials(events: readonly ParsedEvent[]): SpeedPartialAddress[] {
      const missing = new Map<string, SpeedPartialAddress>();
      for (const { view, executor } of lanes)
        for (const event of events) {
          // Cheap first: a window after the bound has no row, whatever its key (no locate needed).
          if (windowStartMs(event.occurredAtMs, view.windowMs) > storedThrough) continue;
          const target = executor.locate(event);
          if (
            !target ||
            target.windowStartMs > storedThrough ||
            executor.isSettled(target.windowStartMs) ||
            executor.get(target.key, target.windowStartMs)
          )
            continue;
          const id = `${view.id}@${view.version}\u0000${windowId(target.key, target.windowStartMs)}`;
          missing.set(id, { view, kafkaPartition, ...target });
        }
      return [...missing.values()];
    },

    /** Adopts a partial read back from Cassandra: everything in it is stored. */
    restore(view: View, partial: WindowPartial) {
      const lane = lanes.find((candidate) => candidate.view === view);
      if (!lane || lane.executor.get(partial.key, partial.windowStartMs)) return;
      lane.executor.restore(partial);
      const ledger = ledgerOf(lane, partial.key, partial.windowStartMs);
      ledger.storedIdBytes = partial.eventIds.byteLength;
      for (const [name, state] of Object.entries(partial.measures))
        if (state.kind === 'distinct') ledger.storedDistinct.set(name, state.values.size);
    },

    /** Applies one event to every view; returns the views that refused it as late. */
    apply(event: ParsedEvent): View[] {
      const lateIn: View[] = [];
      for (const lane of lanes) {
        const { view, executor } = lane;
        const { outcome, address } = executor.applyLocated(event);
        if (!address || (outcome !== 'applied' && outcome !== 'late')) continue;
        const { key, windowStartMs } = address;
        if (outcome === 'late') {
          lateEvents.push({ view, kafkaPartition, key, windowStartMs, eventId: event.eventId });
          lateIn.push(view);
          continue;
        }
        const ledger = ledgerOf(lane, key, windowStartMs);
        lane.dirty.add(ledger);
      }
      return lateIn;
    },

    /**
     * What to write for everything applied since the last call, which covered every offset up to
     * `throughOffset` (a batch's last, even if it held no valid event); then forgets it.
     */
    takeWrites(throughOffset: bigint): PartitionWrites {
      appliedOffset = throughOffset;
      const partials = lanes.flatMap(({ view, executor, dirty }) => {
        const writes = [...dirty].map((ledger) => {
          const { key, windowStartMs, storedIdBytes } = ledger;
          const partial = executor.get(key, windowStartMs)!;
          ledger.storedIdBytes = partial.eventIds.byteLength;
          return {
            view,
            kafkaPartition,
            key,
            windowStartMs,
            partial,
            newEventIds: partial.eventIds.packedSince(storedIdBytes),
            newDistinctValues: unstoredValues(partial, ledger),
            maxOffset: throughOffset,
          };
        });
        dirty.clear();
        return writes;
      });
      const taken = lateEvents;
      lateEvents = [];
      const watermark = Math.max(...lanes.map((lane) => lane.executor.watermarkMs ?? -Infinity));
      const latestWindow = Math.max(...partials.map((p) => p.windowStartMs));
      const raised = latestWindow > windowBound;
      if (raised) windowBound = latestWindow;
      return {
        partials,
        lateEvents: taken,
        windowBound: raised
          ? { kafkaPartition, maxWindowStartMs: latestWindow, offset: throughOffset }
          : undefined,
        progress: {
          kafkaPartition,
          watermarkMs: Number.isFinite(watermark) ? watermark : (progress?.watermarkMs ?? null),
          maxOffset: throughOffset,
        },
      };
    },

    /** Drops windows past the allowed lateness (already written); returns how many stay open. */
    evictSettled(): number {
      return lanes.reduce((open, { executor, ledgers }) => {
        for (const { windowStartMs } of executor.evictSettled()) ledgers.delete(windowStartMs);
        return open + executor.size;
      }, 0);
    },
  };
}

export type PartitionState = ReturnType<typeof createPartitionState>;
