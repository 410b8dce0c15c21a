/**
 * Configuration from environment variables, validated once at start. A bad or missing
 * variable raises one ConfigError naming every offending variable.
 */
export { loadConfig, ConfigError } from './load-config.js';
export type { ConfigOf, ConfigSection, Env, Sections } from './load-config.js';
export {
  envBool,
  envEnum,
  envInt,
  envList,
  envNumber,
  envOptional,
  envString,
} from './env-fields.js';
export {
  runtimeSection,
  httpSection,
  telemetrySection,
  kafkaSection,
  clickhouseSection,
  cassandraSection,
} from './sections.js';
export type {
  RuntimeConfig,
  HttpConfig,
  TelemetryConfig,
  KafkaConfig,
  ClickHouseConfig,
  CassandraConfig,
} from './sections.js';
