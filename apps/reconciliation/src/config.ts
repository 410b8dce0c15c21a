import {
  cassandraSection,
  clickhouseSection,
  httpSection,
  kafkaSection,
  loadConfig,
  runtimeSection,
  telemetrySection,
} from '@lambda/config';

export const loadReconciliationConfig = () =>
  loadConfig({
    runtime: runtimeSection,
    http: httpSection(8085),
    telemetry: telemetrySection,
    kafka: kafkaSection,
    clickhouse: clickhouseSection,
    cassandra: cassandraSection,
  });
