import type { CassandraConfig, ClickHouseConfig, KafkaConfig } from '@lambda/config';
import { createCassandraClient, cassandraError } from '@lambda/cassandra';
import { createClickHouseClient, queryRows, runStatement } from '@lambda/clickhouse';
import { createKafka, ensureTopics, platformTopics } from '@lambda/kafka';
import type { Logger } from '@lambda/telemetry';
import { cassandraMigrations } from './cassandra-migrations.js';
import { clickhouseMigrations } from './clickhouse-migrations.js';
import { ledgerDdl } from './ledger.js';

export interface MigrationTargets {
  kafka: KafkaConfig;
  clickhouse: ClickHouseConfig;
  cassandra: CassandraConfig;
}

export interface MigrationReport {
  topicsCreated: string[];
  clickhouseApplied: string[];
  cassandraApplied: string[];
}

async function migrateClickHouse(config: ClickHouseConfig): Promise<string[]> {
  const db = config.database;
  const admin = createClickHouseClient(config, { database: 'default' });
  try {
    await runStatement(admin, `CREATE DATABASE IF NOT EXISTS ${db}`);
    await runStatement(admin, ledgerDdl.clickhouse(db));
    const done = new Set(
      (await queryRows<{ id: string }>(admin, `SELECT id FROM ${db}.schema_migrations`)).map(
        (r) => r.id,
      ),
    );
    const applied: string[] = [];
    for (const migration of clickhouseMigrations.filter((m) => !done.has(m.id))) {
      for (const statement of migration.statements(db)) await runStatement(admin, statement);
      await admin.insert({
        table: `${db}.schema_migrations`,
        values: [{ id: migration.id, applied_at_ms: Date.now() }],
        format: 'JSONEachRow',
      });
      applied.push(migration.id);
    }
    return applied;
  } finally {
    await admin.close();
  }
}

async function migrateCassandra(config: CassandraConfig): Promise<string[]> {
  const ks = config.keyspace;
  const client = createCassandraClient(config, { keyspace: null });
  try {
    await client.execute(
      `CREATE KEYSPACE IF NOT EXISTS ${ks} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': ${config.replicationFactor}}`,
    );
    await client.execute(ledgerDdl.cassandra(ks));
    const done = new Set(
      (await client.execute(`SELECT id FROM ${ks}.schema_migrations`)).rows.map(
        (r) => r['id'] as string,
      ),
    );
    const applied: string[] = [];
    for (const migration of cassandraMigrations.filter((m) => !done.has(m.id))) {
      for (const statement of migration.statements(ks)) await client.execute(statement);
      await client.execute(`INSERT INTO ${ks}.schema_migrations (id, applied_at) VALUES (?, ?)`, [
        migration.id,
        new Date(),
      ]);
      applied.push(migration.id);
    }
    return applied;
  } catch (error) {
    throw cassandraError('migration', error, { keyspace: ks });
  } finally {
    await client.shutdown();
  }
}

/**
 * Brings every store to the current schema: topics, ClickHouse database and tables, Cassandra
 * keyspace and tables. Idempotent and versioned: each store keeps a ledger of applied ids.
 */
export async function runMigrations(
  targets: MigrationTargets,
  logger: Logger,
): Promise<MigrationReport> {
  const kafka = createKafka(targets.kafka, { logger, clientId: 'lambda-migrations' });
  const [topicsCreated, clickhouseApplied, cassandraApplied] = await Promise.all([
    ensureTopics(kafka, platformTopics({ partitions: targets.kafka.topicPartitions })),
    migrateClickHouse(targets.clickhouse),
    migrateCassandra(targets.cassandra),
  ]);
  const report = { topicsCreated, clickhouseApplied, cassandraApplied };
  logger.info(report, 'migrations applied');
  return report;
}
