import {
  cassandraSection,
  httpSection,
  loadConfig,
  runtimeSection,
  telemetrySection,
} from '@lambda/config';

export const loadServingConfig = () =>
  loadConfig({
    runtime: runtimeSection,
    http: httpSection(8082),
    telemetry: telemetrySection,
    cassandra: cassandraSection,
  });
