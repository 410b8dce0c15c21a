import {
  cassandraSection,
  clickhouseSection,
  httpSection,
  kafkaSection,
  loadConfig,
  runtimeSection,
  telemetrySection,
} from '@lambda/config';

export const loadBatchConfig = () =>
  loadConfig({
    runtime: runtimeSection,
    http: httpSection(8084),
    telemetry: telemetrySection,
    kafka: kafkaSection,
    clickhouse: clickhouseSection,
    cassandra: cassandraSection,
  });
