import type { ParsedEvent } from '@lambda/schemas';
import {
  createViewExecutor,
  type View,
  type ViewExecutor,
  type WindowPartial,
} from '@lambda/transforms';
import type { SpeedCheckpoint, SpeedPartialAddress, SpeedPartialWrite } from '@lambda/views-store';

export interface LateEvent extends SpeedPartialAddress {
  eventId: string;
}

export interface PartitionWrites {
  partials: SpeedPartialWrite[];
  lateEvents: LateEvent[];
  checkpoint: { kafkaPartition: number; watermarkMs: number; maxOffset: bigint } | undefined;
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
  checkpoint,
}: {
  kafkaPartition: number;
  views: readonly View[];
  allowedLatenessMs: number;
  checkpoint: SpeedCheckpoint | undefined;
}) {
  const watermarkMs = checkpoint?.watermarkMs ?? null;
  const lanes: ViewLane[] = views.map((view) => ({
    view,
    executor: createViewExecutor({
      view,
      allowedLatenessMs,
      resumeFrom: { watermarkMs, partials: [] },
    }),
    dirty: new Map(),
  }));
  let lateEvents: LateEvent[] = [];
  let lastOffset: bigint | undefined;

  return {
    kafkaPartition,
    /** Offsets up to this one were fully written before; their events must not be applied again. */
    durableOffset: checkpoint?.maxOffset ?? -1n,

    /** Partials the events will touch that are neither held nor settled: load them before `apply`. */
    missingPartials(events: readonly ParsedEvent[]): SpeedPartialAddress[] {
      const missing = new Map<string, SpeedPartialAddress>();
      for (const { view, executor } of lanes)
        for (const event of events) {
          const target = executor.locate(event);
          if (
            !target ||
            executor.isSettled(target.windowStartMs) ||
            executor.get(target.key, target.windowStartMs)
          )
            continue;
          missing.set(
            `${view.id}@${view.version}\u0000${windowId(target.key, target.windowStartMs)}`,
            {
              view,
              kafkaPartition,
              ...target,
            },
          );
        }
      return [...missing.values()];
    },

    restore(view: View, partial: WindowPartial) {
      lanes.find((lane) => lane.view === view)?.executor.restore(partial);
    },

    /** Applies one event to every view; returns the views that refused it as late. */
    apply(event: ParsedEvent, offset: bigint): View[] {
      const lateIn: View[] = [];
      for (const { view, executor, dirty } of lanes) {
        const outcome = executor.apply(event);
        if (outcome !== 'applied' && outcome !== 'late') continue;
        const { key, windowStartMs } = executor.locate(event)!;
        if (outcome === 'late') {
          lateEvents.push({ view, kafkaPartition, key, windowStartMs, eventId: event.eventId });
          lateIn.push(view);
          continue;
        }
        const id = windowId(key, windowStartMs);
        const entry = dirty.get(id) ?? { key, windowStartMs, newEventIds: [] };
        entry.newEventIds.push(event.eventId);
        dirty.set(id, entry);
      }
      lastOffset = offset;
      return lateIn;
    },

    /** What to write for everything applied since the last call, then forgets it. */
    takeWrites(): PartitionWrites {
      const maxOffset = lastOffset ?? -1n;
      const partials = lanes.flatMap(({ view, executor, dirty }) => {
        const writes = [...dirty.values()].map(({ key, windowStartMs, newEventIds }) => ({
          view,
          kafkaPartition,
          key,
          windowStartMs,
          partial: executor.get(key, windowStartMs)!,
          newEventIds,
          maxOffset,
        }));
        dirty.clear();
        return writes;
      });
      const taken = lateEvents;
      lateEvents = [];
      const watermark = Math.max(...lanes.map((lane) => lane.executor.watermarkMs ?? -Infinity));
      const checkpoint =
        lastOffset === undefined || !Number.isFinite(watermark)
          ? undefined
          : { kafkaPartition, watermarkMs: watermark, maxOffset: lastOffset };
      return { partials, lateEvents: taken, checkpoint };
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
