/** Versioned, idempotent schema for every store: Kafka topics, ClickHouse tables, Cassandra tables. */
export { runMigrations } from './run-migrations.js';
export type { MigrationReport, MigrationTargets } from './run-migrations.js';
export { clickhouseMigrations } from './clickhouse-migrations.js';
export { cassandraMigrations } from './cassandra-migrations.js';
