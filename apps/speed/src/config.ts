import {
  cassandraSection,
  httpSection,
  kafkaSection,
  loadConfig,
  runtimeSection,
  telemetrySection,
} from '@lambda/config';

export const loadSpeedConfig = () =>
  loadConfig({
    runtime: runtimeSection,
    http: httpSection(8083),
    telemetry: telemetrySection,
    kafka: kafkaSection,
    cassandra: cassandraSection,
  });
