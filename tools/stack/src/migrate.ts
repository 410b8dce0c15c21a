import { cassandraSection, clickhouseSection, kafkaSection, loadConfig } from '@lambda/config';
import { runMigrations } from '@lambda/migrations';
import { createLogger } from '@lambda/telemetry';
import type { StackConfig } from './config.js';
import { progressFor } from './progress.js';

/**
 * After a full `up`, brings the stores to the platform's schema (topics, tables, keyspace), so a
 * fresh stack is usable at once. The addresses are the stack's own unless the env overrides them.
 */
export async function migrateStack(stack: StackConfig): Promise<boolean> {
  const progress = progressFor('migrations');
  const env = {
    KAFKA_BROKERS: `127.0.0.1:${stack.kafka.port}`,
    CLICKHOUSE_URL: `http://127.0.0.1:${stack.clickhouse.httpPort}`,
    CASSANDRA_CONTACT_POINTS: `127.0.0.1:${stack.cassandra.port}`,
    ...process.env,
  };
  try {
    const targets = loadConfig(
      { kafka: kafkaSection, clickhouse: clickhouseSection, cassandra: cassandraSection },
      env,
    );
    const report = await runMigrations(targets, createLogger({ service: 'stack', level: 'warn' }));
    progress(
      `topics created: ${report.topicsCreated.length}, ClickHouse applied: ${report.clickhouseApplied.length}, Cassandra applied: ${report.cassandraApplied.length}`,
    );
    return true;
  } catch (error) {
    progress(`failed: ${error instanceof Error ? error.message : String(error)}`);
    return false;
  }
}
