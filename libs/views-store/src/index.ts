/**
 * The Cassandra serving tables (speed_view, speed_late_events, batch_view, view_state,
 * speed_progress): their partition layout and the reads and writes every app shares.
 */
export { WINDOWS_PER_BUCKET, bucketOf, bucketsCovering } from './bucket.js';
export { publishBatchRun, readViewState, setBatchPin } from './view-state.js';
export type { ViewState } from './view-state.js';
export type { KeyWindowsQuery } from './window-range.js';
export { decodeBatchRow, readBatchRows } from './batch-rows.js';
export type { BatchRow } from './batch-rows.js';
export { decodeSpeedRow, readSpeedRows } from './speed-rows.js';
export { distinctMembers } from './distinct-members.js';
export type { SpeedRow } from './speed-rows.js';
export { decodeLateEvent, readLateEvents } from './late-events.js';
export type { LateEvent } from './late-events.js';
export {
  decodeSpeedPartition,
  listSpeedPartitions,
  readAppliedEventIds,
} from './speed-inventory.js';
export type { SpeedPartition } from './speed-inventory.js';
export {
  decodeSpeedProgress,
  readPartitionProgress,
  readSpeedProgress,
  speedWatermarkMs,
  writePartitionProgress,
  writeWindowBound,
} from './speed-progress.js';
export type { SpeedProgress } from './speed-progress.js';
export { batchPartitionsOf, deleteBatchPartitions, writeBatchRows } from './batch-publish.js';
export type { BatchPartition, BatchRowsWrite } from './batch-publish.js';
export { readSpeedPartial, recordLateEvents, writeSpeedPartials } from './speed-partials.js';
export type { SpeedLateEvent, SpeedPartialAddress, SpeedPartialWrite } from './speed-partials.js';
export { offsetTimestamp } from './offset-timestamp.js';
export { forEachBounded } from './bounded.js';
