import { z } from 'zod';
import {
  cassandraSection,
  clickhouseSection,
  httpSection,
  kafkaSection,
  runtimeSection,
  telemetrySection,
  type Sections,
} from '@lambda/config';
import type { AppName } from './repo.js';

/**
 * The config sections each app loads at start, mirroring apps/<app>/src/config.ts, so the env the
 * chart renders can be run through the apps' own validation (loadConfig) in a test.
 */
export const appSections: Record<AppName, Sections> = {
  ingest: {
    runtime: runtimeSection,
    http: httpSection(8081),
    telemetry: telemetrySection,
    kafka: kafkaSection,
  },
  speed: {
    runtime: runtimeSection,
    http: httpSection(8083),
    telemetry: telemetrySection,
    kafka: kafkaSection,
    cassandra: cassandraSection,
  },
  batch: {
    runtime: runtimeSection,
    http: httpSection(8084),
    telemetry: telemetrySection,
    kafka: kafkaSection,
    clickhouse: clickhouseSection,
    cassandra: cassandraSection,
  },
  serving: {
    runtime: runtimeSection,
    http: httpSection(8082),
    telemetry: telemetrySection,
    cassandra: cassandraSection,
  },
  reconciliation: {
    runtime: runtimeSection,
    http: httpSection(8085),
    telemetry: telemetrySection,
    kafka: kafkaSection,
    clickhouse: clickhouseSection,
    cassandra: cassandraSection,
  },
};

/** The environment variable names a section reads (the keys of its zod object). */
export function variablesOf(section: unknown): string[] {
  let schema = section;
  while (schema instanceof z.ZodPipe) schema = schema.in;
  if (!(schema instanceof z.ZodObject)) throw new Error('expected a zod object section');
  return Object.keys(schema.shape);
}
