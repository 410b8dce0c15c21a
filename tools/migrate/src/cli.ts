import {
  cassandraSection,
  clickhouseSection,
  kafkaSection,
  loadConfig,
  ConfigError,
} from '@lambda/config';
import { runMigrations } from '@lambda/migrations';
import { createLogger } from '@lambda/telemetry';

/** `npm run migrate`: bring Kafka, ClickHouse and Cassandra to the current schema (idempotent). */
async function main() {
  const logger = createLogger({ service: 'migrate' });
  try {
    const targets = loadConfig({
      kafka: kafkaSection,
      clickhouse: clickhouseSection,
      cassandra: cassandraSection,
    });
    await runMigrations(targets, logger);
  } catch (error) {
    if (error instanceof ConfigError) console.error(`migrate: ${error.message}`);
    else logger.fatal({ err: error }, 'migrations failed');
    process.exitCode = 1;
  }
}

void main();
