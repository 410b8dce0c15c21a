/**
 * Cassandra serving tables, modelled for the query: partitions by view, version, key and a time
 * bucket, clustered by window start, so a series request is one partition read. Statements are
 * idempotent (IF NOT EXISTS) so a migration interrupted half-way simply runs again.
 */
export interface CqlMigration {
  id: string;
  statements: (keyspace: string) => string[];
}

export const cassandraMigrations: CqlMigration[] = [
  {
    id: '0001_serving_tables',
    statements: (ks) => [
      // Partial aggregates per Kafka partition: absolute upserts that remember the highest offset
      // they include, so a replay after a crash skips what a row already holds. event_ids only
      // grows (set union is idempotent), so a restarted consumer still drops re-deliveries.
      `CREATE TABLE IF NOT EXISTS ${ks}.speed_view (
        view_id text, version int, key text, bucket bigint,
        window_start timestamp, kafka_partition int,
        measures map<text, bigint>,
        distinct_values map<text, frozen<set<text>>>,
        event_ids set<text>,
        max_offset bigint,
        updated_at timestamp,
        PRIMARY KEY ((view_id, version, key, bucket), window_start, kafka_partition)
      ) WITH default_time_to_live = 259200`,
      // Events the speed layer refused as too late, one row each: idempotent under replay, and
      // what reconciliation uses to explain speed-vs-batch differences per window.
      `CREATE TABLE IF NOT EXISTS ${ks}.speed_late_events (
        view_id text, version int, key text, bucket bigint,
        window_start timestamp, kafka_partition int, event_id text,
        PRIMARY KEY ((view_id, version, key, bucket), window_start, kafka_partition, event_id)
      ) WITH default_time_to_live = 259200`,
      // Final values of settled windows, under the run that produced them: a run is visible only
      // once view_state points at it.
      `CREATE TABLE IF NOT EXISTS ${ks}.batch_view (
        view_id text, version int, run_id text, key text, bucket bigint,
        window_start timestamp,
        measures map<text, bigint>,
        PRIMARY KEY ((view_id, version, run_id, key, bucket), window_start)
      )`,
      `CREATE TABLE IF NOT EXISTS ${ks}.view_state (
        view_id text, version int,
        batch_run_id text,
        batch_watermark timestamp,
        pinned_to_batch boolean,
        pinned_reason text,
        updated_at timestamp,
        PRIMARY KEY (view_id, version)
      )`,
      // The speed layer's event-time watermark per Kafka partition: serving's freshness.
      `CREATE TABLE IF NOT EXISTS ${ks}.speed_progress (
        kafka_partition int PRIMARY KEY,
        watermark timestamp,
        max_offset bigint,
        updated_at timestamp
      )`,
    ],
  },
  {
    id: '0002_batch_lease',
    statements: (ks) => [
      // One row per view version while a recompute runs on it: taken with INSERT … IF NOT EXISTS
      // USING TTL, renewed and released with IF owner = ?, so runs never overlap and a crashed
      // holder's lease simply expires.
      `CREATE TABLE IF NOT EXISTS ${ks}.batch_lease (
        name text PRIMARY KEY,
        owner text,
        acquired_at timestamp
      )`,
    ],
  },
  {
    id: '0003_speed_window_bound',
    statements: (ks) => [
      // Written before a batch's partials: no speed_view row of the Kafka partition has a later
      // window_start, so the speed layer reads back only windows at or before it (a new window
      // has no row to read). Null in rows written before this column: everything is read back.
      `ALTER TABLE ${ks}.speed_progress ADD IF NOT EXISTS max_window_start timestamp`,
    ],
  },
  {
    id: '0004_speed_distinct_members',
    statements: (ks) => [
      // Distinct values as `measure\0value` members of a plain set, which a write adds to with only
      // the values new since the last one; distinct_values (frozen sets) was rewritten whole by
      // every write. Readers unite both while rows written before this migration live.
      `ALTER TABLE ${ks}.speed_view ADD IF NOT EXISTS distinct_members set<text>`,
    ],
  },
  {
    id: '0005_speed_event_id_chunks',
    statements: (ks) => [
      // A row's applied event_ids as one blob per write (the ids new since the last one) instead
      // of one set cell per id. Readers unite both while rows written before this migration live.
      `ALTER TABLE ${ks}.speed_view ADD IF NOT EXISTS event_id_chunks set<blob>`,
    ],
  },
];
