import { Writable } from 'node:stream';
import { createCassandraClient } from '@lambda/cassandra';
import { createClickHouseClient, runStatement } from '@lambda/clickhouse';
import { cassandraSection, clickhouseSection, kafkaSection, loadConfig } from '@lambda/config';
import { createKafka, ensureTopics } from '@lambda/kafka';
import { runMigrations } from '@lambda/migrations';
import { createLogger } from '@lambda/telemetry';

export const silentLogger = createLogger({
  service: 'batch-spec',
  level: 'silent',
  destination: new Writable({ write: (_c, _e, done) => done() }),
});

/**
 * A private ClickHouse database, Cassandra keyspace and set of topics, migrated like production,
 * with clients and the env a real batch process needs to use them.
 */
export async function createTestStores(name: string, { partitions = 3 } = {}) {
  const suffix = `${name}_${process.pid}_${Date.now().toString(36)}`;
  const base = loadConfig({
    kafka: kafkaSection,
    clickhouse: clickhouseSection,
    cassandra: cassandraSection,
  });
  const config = {
    kafka: base.kafka,
    clickhouse: { ...base.clickhouse, database: `it_batch_${suffix}` },
    cassandra: { ...base.cassandra, keyspace: `it_batch_${suffix}` },
  };
  await runMigrations(config, silentLogger);
  const topics = {
    events: `it.batch.${suffix}.events`,
    dlq: `it.batch.${suffix}.dlq`,
    control: `it.batch.${suffix}.control`,
  };
  const kafka = createKafka(config.kafka, { logger: silentLogger });
  await ensureTopics(kafka, [
    { topic: topics.events, numPartitions: partitions },
    { topic: topics.dlq, numPartitions: 1 },
    { topic: topics.control, numPartitions: 1 },
  ]);
  const clickhouse = createClickHouseClient(config.clickhouse);
  const cassandra = createCassandraClient(config.cassandra);
  const env = {
    CLICKHOUSE_DATABASE: config.clickhouse.database,
    CASSANDRA_KEYSPACE: config.cassandra.keyspace,
    BATCH_EVENTS_TOPIC: topics.events,
    BATCH_DLQ_TOPIC: topics.dlq,
    BATCH_CONTROL_TOPIC: topics.control,
    BATCH_ARCHIVE_GROUP_ID: `it.batch.${suffix}.archive`,
    BATCH_CONTROL_GROUP_ID: `it.batch.${suffix}.control`,
  };
  return {
    config,
    topics,
    kafka,
    clickhouse,
    cassandra,
    env,
    results: { client: clickhouse, database: config.clickhouse.database },
    async drop() {
      await runStatement(clickhouse, `DROP DATABASE IF EXISTS ${config.clickhouse.database}`);
      await cassandra.execute(`DROP KEYSPACE IF EXISTS ${config.cassandra.keyspace}`);
      const admin = kafka.admin();
      await admin.connect();
      await admin.deleteTopics({ topics: Object.values(topics) }).catch(() => undefined);
      await admin.disconnect();
      await Promise.all([clickhouse.close(), cassandra.shutdown()]);
    },
  };
}

export type TestStores = Awaited<ReturnType<typeof createTestStores>>;
