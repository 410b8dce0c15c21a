import { keyWindowsReader } from './window-range.js';

/** One event the speed layer refused as too late for its window (speed_late_events). */
export interface LateEvent {
  windowStartMs: number;
  kafkaPartition: number;
  eventId: string;
}

export function decodeLateEvent(row: Readonly<Record<string, unknown>>): LateEvent {
  return {
    windowStartMs: (row['window_start'] as Date).getTime(),
    kafkaPartition: Number(row['kafka_partition']),
    eventId: String(row['event_id']),
  };
}

/** The late events recorded for a key's windows, in window order. */
export const readLateEvents = keyWindowsReader({
  table: 'speed_late_events',
  columns: 'window_start, kafka_partition, event_id',
  decode: decodeLateEvent,
});
