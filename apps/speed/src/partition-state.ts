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

interface ViewLane {
  view: View;
  executor: ViewExecutor;
  /** Windows changed since the last write, with the event_ids they took in. */
  dirty: Map<string, { key: string; windowStartMs: number; newEventIds: string[] }>;
}

const windowId = (key: string, windowStartMs: number) => `${windowStartMs}\u0000${key}`;

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
    dirty: new Map(),
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

    restore(view: View, partial: WindowPartial) {
      lanes.find((lane) => lane.view === view)?.executor.restore(partial);
    },

    /** Applies one event to every view; returns the views that refused it as late. */
    apply(event: ParsedEvent): View[] {
      const lateIn: View[] = [];
      for (const { view, executor, dirty } of lanes) {
        const { outcome, address } = executor.applyLocated(event);
        if (!address || (outcome !== 'applied' && outcome !== 'late')) continue;
        const { key, windowStartMs } = address;
        if (outcome === 'late') {
          lateEvents.push({ view, kafkaPartition, key, windowStartMs, eventId: event.eventId });
          lateIn.push(view);
          continue;
        }
        const id = windowId(key, windowStartMs);
        const entry = dirty.get(id);
        if (entry) entry.newEventIds.push(event.eventId);
        else dirty.set(id, { key, windowStartMs, newEventIds: [event.eventId] });
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
        const writes = [...dirty.values()].map(({ key, windowStartMs, newEventIds }) => ({
          view,
          kafkaPartition,
          key,
          windowStartMs,
          partial: executor.get(key, windowStartMs)!,
          newEventIds,
          maxOffset: throughOffset,
        }));
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
      return lanes.reduce((open, { executor }) => {
        executor.evictSettled();
        return open + executor.size;
      }, 0);
    },
  };
}

export type PartitionState = ReturnType<typeof createPartitionState>;
