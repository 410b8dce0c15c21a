import { Writable } from 'node:stream';
import { mintApiKey } from '@lambda/auth';
import { createCassandraClient } from '@lambda/cassandra';
import { createClickHouseClient, runStatement } from '@lambda/clickhouse';
import { cassandraSection, clickhouseSection, kafkaSection, loadConfig } from '@lambda/config';
import { createKafka, ensureTopics } from '@lambda/kafka';
import { runMigrations } from '@lambda/migrations';
import { createLogger } from '@lambda/telemetry';

export const silentLogger = createLogger({
  service: 'reconciliation-spec',
  level: 'silent',
  destination: new Writable({ write: (_c, _e, done) => done() }),
});

/**
 * The tests' reconciliation lookback. The default two days, with batch's one-hour settle delay,
 * holds no daily window from 00:00 to 01:00 UTC: the newest settled one then started just
 * before the lookback. Three days always hold one.
 */
export const TEST_LOOKBACK_MS = 3 * 24 * 3_600_000;

/**
 * A private ClickHouse database, Cassandra keyspace and control topic, migrated like production,
 * with clients, an API key and the env that points real app processes at them.
 */
export async function createTestStores(name: string) {
  const suffix = `${name}_${process.pid}_${Date.now().toString(36)}`;
  const base = loadConfig({
    kafka: kafkaSection,
    clickhouse: clickhouseSection,
    cassandra: cassandraSection,
  });
  const config = {
    kafka: base.kafka,
    clickhouse: { ...base.clickhouse, database: `it_recon_${suffix}` },
    cassandra: { ...base.cassandra, keyspace: `it_recon_${suffix}` },
  };
  await runMigrations(config, silentLogger);
  const controlTopic = `it.recon.${suffix}.control`;
  const kafka = createKafka(config.kafka, { logger: silentLogger });
  await ensureTopics(kafka, [{ topic: controlTopic, numPartitions: 1 }]);
  const clickhouse = createClickHouseClient(config.clickhouse);
  const cassandra = createCassandraClient(config.cassandra);
  const reader = mintApiKey({ id: 'reader', scopes: ['views:read'], ratePerSecond: 10_000 });
  const stores = {
    CLICKHOUSE_DATABASE: config.clickhouse.database,
    CASSANDRA_KEYSPACE: config.cassandra.keyspace,
  };
  return {
    config,
    kafka,
    clickhouse,
    cassandra,
    controlTopic,
    results: { client: clickhouse, database: config.clickhouse.database },
    reader,
    env: {
      reconciliation: {
        ...stores,
        RECONCILIATION_CONTROL_TOPIC: controlTopic,
        RECONCILIATION_GROUP_ID: `it.recon.${suffix}.reconciliation`,
        RECONCILIATION_LOOKBACK_MS: String(TEST_LOOKBACK_MS),
        API_KEYS: JSON.stringify([reader.entry]),
      },
      batch: {
        ...stores,
        BATCH_CONTROL_TOPIC: controlTopic,
        BATCH_CONTROL_GROUP_ID: `it.recon.${suffix}.batch-control`,
        BATCH_SETTLE_DELAY_MS: '3600000',
      },
      serving: {
        CASSANDRA_KEYSPACE: config.cassandra.keyspace,
        API_KEYS: JSON.stringify([reader.entry]),
      },
    },
    async drop() {
      await runStatement(clickhouse, `DROP DATABASE IF EXISTS ${config.clickhouse.database}`);
      await cassandra.execute(`DROP KEYSPACE IF EXISTS ${config.cassandra.keyspace}`);
      const admin = kafka.admin();
      await admin.connect();
      await admin.deleteTopics({ topics: [controlTopic] }).catch(() => undefined);
      await admin.disconnect();
      await Promise.all([clickhouse.close(), cassandra.shutdown()]);
    },
  };
}

export type TestStores = Awaited<ReturnType<typeof createTestStores>>;
