import type { CassandraClient } from '@lambda/cassandra';
import { cassandraError } from '@lambda/cassandra';

/** Which batch run serving uses for a view version, up to which window end, and any pin. */
export interface ViewState {
  viewId: string;
  version: number;
  batchRunId: string | null;
  /** Windows ending at or before this come from batch; null before the first run. */
  batchWatermarkMs: number | null;
  /** Reconciliation pinned the view to batch-only until a clean run. */
  pinnedToBatch: boolean;
  pinnedReason: string | null;
  updatedAtMs: number | null;
}

const emptyState = (viewId: string, version: number): ViewState => ({
  viewId,
  version,
  batchRunId: null,
  batchWatermarkMs: null,
  pinnedToBatch: false,
  pinnedReason: null,
  updatedAtMs: null,
});

export async function readViewState(
  client: CassandraClient,
  viewId: string,
  version: number,
): Promise<ViewState> {
  try {
    const row = (
      await client.execute(
        'SELECT batch_run_id, batch_watermark, pinned_to_batch, pinned_reason, updated_at FROM view_state WHERE view_id = ? AND version = ?',
        [viewId, version],
      )
    ).first();
    if (!row) return emptyState(viewId, version);
    return {
      viewId,
      version,
      batchRunId: row['batch_run_id'] ?? null,
      batchWatermarkMs: row['batch_watermark']?.getTime() ?? null,
      pinnedToBatch: row['pinned_to_batch'] === true,
      pinnedReason: row['pinned_reason'] ?? null,
      updatedAtMs: row['updated_at']?.getTime() ?? null,
    };
  } catch (error) {
    throw cassandraError('read view_state', error, { viewId, version });
  }
}

/**
 * The single write that makes a batch run visible: serving reads batch rows only through the run
 * id named here, so it sees the whole run or none of it.
 */
export async function publishBatchRun(
  client: CassandraClient,
  {
    viewId,
    version,
    runId,
    watermarkMs,
  }: { viewId: string; version: number; runId: string; watermarkMs: number },
): Promise<void> {
  try {
    await client.execute(
      'UPDATE view_state SET batch_run_id = ?, batch_watermark = ?, updated_at = ? WHERE view_id = ? AND version = ?',
      [runId, new Date(watermarkMs), new Date(), viewId, version],
    );
  } catch (error) {
    throw cassandraError('publish batch run', error, { viewId, version, runId });
  }
}

/** Pins (or unpins) a view version to batch-only serving, e.g. while drift is being repaired. */
export async function setBatchPin(
  client: CassandraClient,
  {
    viewId,
    version,
    pinned,
    reason,
  }: { viewId: string; version: number; pinned: boolean; reason: string | null },
): Promise<void> {
  try {
    await client.execute(
      'UPDATE view_state SET pinned_to_batch = ?, pinned_reason = ?, updated_at = ? WHERE view_id = ? AND version = ?',
      [pinned, reason, new Date(), viewId, version],
    );
  } catch (error) {
    throw cassandraError('set batch pin', error, { viewId, version });
  }
}
