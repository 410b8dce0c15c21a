import { createMasterTableSql, eventTypes } from '@lambda/schemas';

/**
 * ClickHouse objects: the master dataset (one typed table per event type) and the batch and
 * reconciliation history. SQL here must run on ClickHouse 18.16 and on current versions.
 */
export interface SqlMigration {
  id: string;
  statements: (database: string) => string[];
}

export const clickhouseMigrations: SqlMigration[] = [
  {
    id: '0001_batch_runs',
    statements: (db) => [
      `CREATE TABLE IF NOT EXISTS ${db}.batch_runs (
        run_id String,
        view String,
        version UInt32,
        status String,
        started_at_ms Int64,
        finished_at_ms Int64,
        input_events UInt64,
        window_from_ms Int64,
        window_to_ms Int64,
        rows_published UInt64,
        transform_version String,
        error String
      ) ENGINE = MergeTree ORDER BY (view, version, started_at_ms, run_id)`,
    ],
  },
  {
    // One table per event type in today's catalog. A new type or field needs its own migration.
    id: '0002_master_dataset',
    statements: (db) => eventTypes.map((type) => createMasterTableSql({ database: db, type })),
  },
  {
    id: '0003_batch_results',
    statements: (db) => [
      // Each run's computed rows, partitioned by the batch_view run id they are published under,
      // so retiring a run is one DROP PARTITION. A targeted run publishes under the current run
      // id (its own id in run_id), which keeps its rows with that run's when it retires.
      `CREATE TABLE IF NOT EXISTS ${db}.batch_view_rows (
        published_run_id String,
        run_id String,
        view String,
        version UInt32,
        key String,
        window_start_ms Int64,
        measure_names Array(String),
        measure_values Array(Nullable(Int64))
      ) ENGINE = MergeTree PARTITION BY published_run_id ORDER BY (run_id, key, window_start_ms)`,
      // One statement, so it applies whole or not at all (18.16 has no ADD COLUMN IF NOT EXISTS).
      `ALTER TABLE ${db}.batch_runs
        ADD COLUMN kind String DEFAULT 'full',
        ADD COLUMN published_run_id String DEFAULT '',
        ADD COLUMN key_filter String DEFAULT '',
        ADD COLUMN compute_ms UInt64 DEFAULT 0,
        ADD COLUMN publish_ms UInt64 DEFAULT 0`,
    ],
  },
  {
    id: '0004_reconciliation',
    statements: (db) => [
      // One row per reconciliation of one view version, whatever its outcome. Ratios per measure
      // are parallel arrays (18.16 has no Map type); the exact per-window numbers are findings.
      `CREATE TABLE IF NOT EXISTS ${db}.reconciliation_runs (
        run_id String,
        view String,
        version UInt32,
        trigger String,
        trigger_batch_run_id String,
        status String,
        started_at_ms Int64,
        finished_at_ms Int64,
        batch_run_id String,
        batch_watermark_ms Int64,
        window_from_ms Int64,
        window_to_ms Int64,
        windows_compared UInt64,
        measure_names Array(String),
        total_ratio Array(Float64),
        explained_ratio Array(Float64),
        unexplained_ratio Array(Float64),
        diverging_windows Array(UInt64),
        unexplained_windows Array(UInt64),
        severity String,
        repairs_requested UInt32,
        pin_action String,
        findings_total UInt64,
        findings_stored UInt64,
        error String
      ) ENGINE = MergeTree ORDER BY (started_at_ms, run_id)`,
      // Each diverging (key, window, measure) of a run. Differences are UInt64: |a - b| of two
      // Int64 values always fits. Monthly partitions, so old findings go with DROP PARTITION.
      `CREATE TABLE IF NOT EXISTS ${db}.reconciliation_findings (
        run_id String,
        run_started_at_ms Int64,
        view String,
        version UInt32,
        key String,
        window_start_ms Int64,
        measure String,
        kind String,
        speed_value Nullable(Int64),
        batch_value Nullable(Int64),
        expected_value Nullable(Int64),
        late_events UInt32,
        divergence UInt64,
        explained UInt64,
        unexplained UInt64
      ) ENGINE = MergeTree
      PARTITION BY toYYYYMM(toDateTime(intDiv(run_started_at_ms, 1000), 'UTC'))
      ORDER BY (run_id, key, window_start_ms, measure)`,
    ],
  },
];
