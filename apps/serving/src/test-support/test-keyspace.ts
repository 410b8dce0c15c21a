import { Writable } from 'node:stream';
import { createCassandraClient, type CassandraClient } from '@lambda/cassandra';
import { createClickHouseClient, runStatement } from '@lambda/clickhouse';
import { cassandraSection, clickhouseSection, kafkaSection, loadConfig } from '@lambda/config';
import { runMigrations } from '@lambda/migrations';
import { createLogger } from '@lambda/telemetry';

export interface TestKeyspace {
  keyspace: string;
  client: CassandraClient;
  drop(): Promise<void>;
}

export const silentLogger = () =>
  createLogger({
    service: 'serving-spec',
    level: 'error',
    destination: new Writable({ write: (_c, _e, done) => done() }),
  });

/**
 * A private keyspace migrated like the platform's own (and a private ClickHouse database, since
 * the migrations cover every store), dropped again by `drop`.
 */
export async function createTestKeyspace(purpose: string): Promise<TestKeyspace> {
  const name = `it_serving_${purpose}_${process.pid}`;
  const base = loadConfig({
    kafka: kafkaSection,
    clickhouse: clickhouseSection,
    cassandra: cassandraSection,
  });
  const targets = {
    kafka: base.kafka,
    clickhouse: { ...base.clickhouse, database: name },
    cassandra: { ...base.cassandra, keyspace: name },
  };
  const admin = createCassandraClient(targets.cassandra, { keyspace: null });
  const dropAll = async () => {
    await admin.execute(`DROP KEYSPACE IF EXISTS ${name}`);
    await admin.shutdown();
    const clickhouse = createClickHouseClient(targets.clickhouse, { database: 'default' });
    await runStatement(clickhouse, `DROP DATABASE IF EXISTS ${name}`);
    await clickhouse.close();
  };
  try {
    await runMigrations(targets, silentLogger());
  } catch (error) {
    await dropAll();
    throw error;
  }
  const client = createCassandraClient(targets.cassandra);
  return {
    keyspace: name,
    client,
    async drop() {
      await client.shutdown();
      await dropAll();
    },
  };
}
