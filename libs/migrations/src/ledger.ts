/** Where each store records the migrations it has applied, so re-runs skip them. */
export const ledgerDdl = {
  clickhouse: (db: string) =>
    `CREATE TABLE IF NOT EXISTS ${db}.schema_migrations (id String, applied_at_ms Int64) ENGINE = MergeTree ORDER BY id`,
  cassandra: (ks: string) =>
    `CREATE TABLE IF NOT EXISTS ${ks}.schema_migrations (id text PRIMARY KEY, applied_at timestamp)`,
};
