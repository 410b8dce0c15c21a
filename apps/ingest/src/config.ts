import {
  httpSection,
  kafkaSection,
  loadConfig,
  runtimeSection,
  telemetrySection,
} from '@lambda/config';

export const loadIngestConfig = () =>
  loadConfig({
    runtime: runtimeSection,
    http: httpSection(8081),
    telemetry: telemetrySection,
    kafka: kafkaSection,
  });

export type IngestConfig = ReturnType<typeof loadIngestConfig>;
