import type { CassandraClient } from '@lambda/cassandra';
import type { Metrics } from '@lambda/telemetry';
import {
  readBatchRows,
  readSpeedProgress,
  readSpeedRows,
  readViewState,
  speedWatermarkMs,
  type BatchRow,
  type KeyWindowsQuery,
  type SpeedRow,
  type ViewState,
} from '@lambda/views-store';
import { memoize } from './memo-cache.js';

/** A batch read names the state it follows, so a new run or a state change misses the cache. */
export type BatchRowsQuery = KeyWindowsQuery & { runId: string; stateUpdatedAtMs: number | null };

/** Everything serving reads from Cassandra, timed per table. */
export interface ViewReader {
  viewState(viewId: string, version: number): Promise<ViewState>;
  speedWatermarkMs(): Promise<number | null>;
  batchRows(query: BatchRowsQuery): Promise<BatchRow[]>;
  speedRows(query: KeyWindowsQuery): Promise<SpeedRow[]>;
}

/** How long each read is reused across requests (0 disables), and how many keys and ranges. */
export interface ReadCaches {
  /**
   * view_state and speed_progress: both change about once a second at most, and a reused state
   * stays consistent because batch keeps the rows of the run before the current one.
   */
  stateTtlMs: number;
  speedRowsTtlMs: number;
  settledRowsTtlMs: number;
  maxEntries: number;
}

export interface ViewReaderOptions {
  client: CassandraClient;
  metrics: Metrics;
  caches: ReadCaches;
}

/**
 * The cache key of a key's range, built by hand: it is computed several times per request. The
 * free-text view key comes last, so no two ranges share a cache key.
 */
const rangeKey = (q: KeyWindowsQuery) =>
  `${q.viewId}\0${q.version}\0${q.windowMs}\0${q.fromMs}\0${q.toMs}\0${q.key}`;

export function createViewReader({ client, metrics, caches }: ViewReaderOptions): ViewReader {
  const duration = metrics.histogram({
    name: 'store_query_duration_seconds',
    help: 'Duration of Cassandra reads by table.',
    labelNames: ['table'],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
  });
  const timed = <T>(table: string, read: () => Promise<T>): Promise<T> => {
    const end = duration.startTimer({ table });
    return read().finally(() => end());
  };
  const viewState = memoize(
    ({ viewId, version }: { viewId: string; version: number }) =>
      timed('view_state', () => readViewState(client, viewId, version)),
    { ttlMs: caches.stateTtlMs, keyOf: ({ viewId, version }) => `${viewId}\0${version}` },
  );
  const speedProgress = memoize(() => timed('speed_progress', () => readSpeedProgress(client)), {
    ttlMs: caches.stateTtlMs,
    keyOf: () => '',
  });
  const batchRows = memoize(
    ({ stateUpdatedAtMs: _, ...query }: BatchRowsQuery) =>
      timed('batch_view', () => readBatchRows(client, query)),
    {
      ttlMs: caches.settledRowsTtlMs,
      maxEntries: caches.maxEntries,
      keyOf: (q) => `${q.runId}\0${q.stateUpdatedAtMs}\0${rangeKey(q)}`,
    },
  );
  const speedRows = memoize(
    (query: KeyWindowsQuery) => timed('speed_view', () => readSpeedRows(client, query)),
    { ttlMs: caches.speedRowsTtlMs, maxEntries: caches.maxEntries, keyOf: rangeKey },
  );
  // The watermark of the cached progress rows, worked out once per read rather than per request.
  let watermarkOf: { progress: unknown; watermarkMs: number | null } | undefined;
  return {
    viewState: (viewId, version) => viewState({ viewId, version }),
    speedWatermarkMs: async () => {
      const progress = await speedProgress(undefined);
      if (watermarkOf?.progress !== progress)
        watermarkOf = { progress, watermarkMs: speedWatermarkMs(progress) };
      return watermarkOf.watermarkMs;
    },
    batchRows,
    speedRows,
  };
}
