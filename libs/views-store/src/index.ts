/**
 * The Cassandra serving tables (speed_view, speed_late_events, batch_view, view_state,
 * speed_progress): their partition layout and the reads and writes every app shares.
 */
export { WINDOWS_PER_BUCKET, bucketOf, bucketsCovering } from './bucket.js';
export { publishBatchRun, readViewState, setBatchPin } from './view-state.js';
export type { ViewState } from './view-state.js';
