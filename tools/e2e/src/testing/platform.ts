import { Writable } from 'node:stream';
import { cassandraSection, clickhouseSection, kafkaSection, loadConfig } from '@lambda/config';
import { createCassandraClient } from '@lambda/cassandra';
import { createClickHouseClient, queryRows, runStatement } from '@lambda/clickhouse';
import { createKafka, ensureTopics } from '@lambda/kafka';
import { runMigrations } from '@lambda/migrations';
import { identifier } from '@lambda/schemas';
import { createLogger } from '@lambda/telemetry';
import { startApp, type AppProcess } from '@lambda/testing';

const quiet = createLogger({
  service: 'e2e',
  level: 'error',
  destination: new Writable({ write: (_c, _e, done) => done() }),
});

export type PlatformApp = 'ingest' | 'speed' | 'batch' | 'serving' | 'reconciliation';

/**
 * The whole platform on private topics, consumer groups, ClickHouse database and Cassandra
 * keyspace, so an end-to-end test shares the running stores with other tests but no data.
 */
export async function createPlatform(name: string, settings: Record<string, string> = {}) {
  const suffix = `${name}_${process.pid}_${Date.now()}`;
  const base = loadConfig({
    kafka: kafkaSection,
    clickhouse: clickhouseSection,
    cassandra: cassandraSection,
  });
  const database = `e2e_${suffix}`.toLowerCase();
  const targets = {
    ...base,
    clickhouse: { ...base.clickhouse, database },
    cassandra: { ...base.cassandra, keyspace: database },
  };
  const topics = {
    raw: `e2e.${suffix}.events.raw`,
    dlq: `e2e.${suffix}.events.dlq`,
    control: `e2e.${suffix}.control`,
  };
  const kafka = createKafka(base.kafka, { logger: quiet });
  await runMigrations(targets, quiet);
  await ensureTopics(kafka, [
    { topic: topics.raw, numPartitions: 6 },
    { topic: topics.dlq, numPartitions: 1 },
    { topic: topics.control, numPartitions: 1 },
  ]);
  const groups = {
    speed: `e2e.${suffix}.speed`,
    archive: `e2e.${suffix}.archive`,
    batchControl: `e2e.${suffix}.batch-control`,
    reconciliation: `e2e.${suffix}.reconciliation`,
  };
  const env: Record<string, string> = {
    CLICKHOUSE_DATABASE: database,
    CASSANDRA_KEYSPACE: database,
    INGEST_RAW_TOPIC: topics.raw,
    INGEST_DLQ_TOPIC: topics.dlq,
    SPEED_EVENTS_TOPIC: topics.raw,
    SPEED_DLQ_TOPIC: topics.dlq,
    SPEED_GROUP_ID: groups.speed,
    BATCH_EVENTS_TOPIC: topics.raw,
    BATCH_DLQ_TOPIC: topics.dlq,
    BATCH_CONTROL_TOPIC: topics.control,
    BATCH_ARCHIVE_GROUP_ID: groups.archive,
    BATCH_CONTROL_GROUP_ID: groups.batchControl,
    RECONCILIATION_CONTROL_TOPIC: topics.control,
    RECONCILIATION_GROUP_ID: groups.reconciliation,
    ...settings,
  };
  const clickhouse = createClickHouseClient(targets.clickhouse);
  const running = new Set<AppProcess>();

  return {
    kafka,
    topics,
    groups,
    clickhouse,
    /** Starts an app as a real process on this platform's names. */
    async start(app: PlatformApp, args: string[] = []): Promise<AppProcess> {
      const started = await startApp(app, { env, args, timeoutMs: 90_000 });
      running.add(started);
      void started.exited.then(() => running.delete(started));
      return started;
    },
    /** Rows of an order event in the master dataset, every delivery counted. */
    async archivedDeliveries(): Promise<number> {
      const rows = await queryRows<{ n: string }>(
        clickhouse,
        `SELECT count() AS n FROM ${identifier(database)}.events_order`,
      );
      return Number(rows[0]?.n ?? 0);
    },
    async dispose() {
      await Promise.all([...running].map((app) => app.stop('SIGKILL')));
      await runStatement(clickhouse, `DROP DATABASE IF EXISTS ${identifier(database)}`);
      await clickhouse.close();
      const cassandra = createCassandraClient(targets.cassandra, { keyspace: null });
      await cassandra.execute(`DROP KEYSPACE IF EXISTS ${database}`);
      await cassandra.shutdown();
      const admin = kafka.admin();
      await admin.connect();
      await admin.deleteTopics({ topics: Object.values(topics) }).catch(() => undefined);
      await admin.disconnect();
    },
  };
}

export type Platform = Awaited<ReturnType<typeof createPlatform>>;
