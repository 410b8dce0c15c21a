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
];
