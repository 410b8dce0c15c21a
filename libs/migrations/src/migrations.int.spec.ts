import { Writable } from 'node:stream';
import { cassandraSection, clickhouseSection, kafkaSection, loadConfig } from '@lambda/config';
import { createCassandraClient } from '@lambda/cassandra';
import { createClickHouseClient, queryRows, runStatement } from '@lambda/clickhouse';
import { createLogger } from '@lambda/telemetry';
import { cassandraMigrations, clickhouseMigrations, runMigrations } from './index.js';

const logger = createLogger({
  service: 'migrations-spec',
  level: 'error',
  destination: new Writable({ write: (_c, _e, d) => d() }),
});
const suffix = `${process.pid}`;
const base = loadConfig({
  kafka: kafkaSection,
  clickhouse: clickhouseSection,
  cassandra: cassandraSection,
});
// A private database and keyspace, so this test never touches the platform's own.
const targets = {
  kafka: base.kafka,
  clickhouse: { ...base.clickhouse, database: `it_migrations_${suffix}` },
  cassandra: { ...base.cassandra, keyspace: `it_migrations_${suffix}` },
};

afterAll(async () => {
  const ch = createClickHouseClient(targets.clickhouse, { database: 'default' });
  await runStatement(ch, `DROP DATABASE IF EXISTS ${targets.clickhouse.database}`);
  await ch.close();
  const cql = createCassandraClient(targets.cassandra, { keyspace: null });
  await cql.execute(`DROP KEYSPACE IF EXISTS ${targets.cassandra.keyspace}`);
  await cql.shutdown();
});

describe('runMigrations (real Kafka, ClickHouse, Cassandra)', () => {
  it('applies every migration once, then nothing on a re-run', async () => {
    const first = await runMigrations(targets, logger);
    expect(first.clickhouseApplied).toEqual(clickhouseMigrations.map((m) => m.id));
    expect(first.cassandraApplied).toEqual(cassandraMigrations.map((m) => m.id));

    const second = await runMigrations(targets, logger);
    expect(second).toEqual({ topicsCreated: [], clickhouseApplied: [], cassandraApplied: [] });
  });

  it('leaves the tables the apps query', async () => {
    const ch = createClickHouseClient(targets.clickhouse);
    const tables = (await queryRows<{ name: string }>(ch, 'SHOW TABLES')).map((r) => r.name);
    await ch.close();
    expect(tables).toEqual(
      expect.arrayContaining([
        'batch_runs',
        'batch_view_rows',
        'events_order',
        'reconciliation_findings',
        'reconciliation_runs',
        'schema_migrations',
      ]),
    );

    const cql = createCassandraClient(targets.cassandra);
    const result = await cql.execute(
      'SELECT table_name FROM system_schema.tables WHERE keyspace_name = ?',
      [targets.cassandra.keyspace],
    );
    await cql.shutdown();
    expect(result.rows.map((r) => r['table_name'])).toEqual(
      expect.arrayContaining([
        'speed_view',
        'speed_late_events',
        'batch_view',
        'view_state',
        'speed_progress',
        'batch_lease',
        'schema_migrations',
      ]),
    );
  });
});
