import { z } from 'zod';
import { envBool, envEnum, envInt, envList, envOptional, envString } from './env-fields.js';

/** `production` requires credentials and TLS for every store; `development` runs without. */
export const runtimeSection = z
  .object({
    LAMBDA_ENV: envEnum(['development', 'production'], 'development'),
    SERVICE_NAME: envOptional(),
    LOG_LEVEL: envEnum(['fatal', 'error', 'warn', 'info', 'debug', 'trace'], 'info'),
    SHUTDOWN_TIMEOUT_MS: envInt(10_000, { min: 100 }),
    MIGRATE_ON_START: envBool(false),
  })
  .transform((e) => ({
    environment: e.LAMBDA_ENV,
    serviceName: e.SERVICE_NAME,
    logLevel: e.LOG_LEVEL,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    migrateOnStart: e.MIGRATE_ON_START,
  }));

/** Each app has its own default port so the whole platform runs side by side locally. */
export const httpSection = (defaultPort: number) =>
  z
    .object({ HTTP_HOST: envString('127.0.0.1'), HTTP_PORT: envInt(defaultPort, { max: 65535 }) })
    .transform((e) => ({ host: e.HTTP_HOST, port: e.HTTP_PORT }));

export const telemetrySection = z
  .object({
    METRICS_PREFIX: z
      .string()
      .regex(/^[a-z_][a-z0-9_]*$/, 'expected a Prometheus name prefix')
      .default('lambda_'),
    OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ message: 'expected a URL' }).optional(),
  })
  .transform((e) => ({
    metricsPrefix: e.METRICS_PREFIX,
    otlpEndpoint: e.OTEL_EXPORTER_OTLP_ENDPOINT,
  }));

const productionNeeds =
  (variables: string[]) => (env: Record<string, unknown>, ctx: z.RefinementCtx) => {
    if (env['LAMBDA_ENV'] !== 'production') return;
    for (const variable of variables)
      if (env[variable] === undefined || env[variable] === false)
        ctx.addIssue({
          code: 'custom',
          path: [variable],
          message: 'required when LAMBDA_ENV=production',
        });
  };

export const kafkaSection = z
  .object({
    LAMBDA_ENV: z.string().optional(),
    KAFKA_BROKERS: envList(['127.0.0.1:9092']),
    KAFKA_CLIENT_ID: envString('lambda'),
    KAFKA_SSL: envBool(false),
    KAFKA_SASL_MECHANISM: z.enum(['plain', 'scram-sha-256', 'scram-sha-512']).optional(),
    KAFKA_SASL_USERNAME: envOptional(),
    KAFKA_SASL_PASSWORD: envOptional(),
    KAFKA_TOPIC_PARTITIONS: envInt(6, { min: 1, max: 1024 }),
  })
  .superRefine(
    productionNeeds([
      'KAFKA_SSL',
      'KAFKA_SASL_MECHANISM',
      'KAFKA_SASL_USERNAME',
      'KAFKA_SASL_PASSWORD',
    ]),
  )
  .transform((e) => ({
    brokers: e.KAFKA_BROKERS,
    clientId: e.KAFKA_CLIENT_ID,
    ssl: e.KAFKA_SSL,
    sasl:
      e.KAFKA_SASL_MECHANISM && e.KAFKA_SASL_USERNAME && e.KAFKA_SASL_PASSWORD
        ? {
            mechanism: e.KAFKA_SASL_MECHANISM,
            username: e.KAFKA_SASL_USERNAME,
            password: e.KAFKA_SASL_PASSWORD,
          }
        : undefined,
    topicPartitions: e.KAFKA_TOPIC_PARTITIONS,
  }));

export const clickhouseSection = z
  .object({
    LAMBDA_ENV: z.string().optional(),
    CLICKHOUSE_URL: z
      .url({ message: 'expected a URL such as http://127.0.0.1:8123' })
      .default('http://127.0.0.1:8123'),
    CLICKHOUSE_DATABASE: z
      .string()
      .regex(/^[a-z_][a-z0-9_]*$/, 'expected a database name')
      .default('lambda'),
    CLICKHOUSE_USERNAME: envString('default'),
    CLICKHOUSE_PASSWORD: envOptional(),
    CLICKHOUSE_CA_CERT: envOptional(),
  })
  .superRefine(productionNeeds(['CLICKHOUSE_PASSWORD']))
  .transform((e) => ({
    url: e.CLICKHOUSE_URL,
    database: e.CLICKHOUSE_DATABASE,
    username: e.CLICKHOUSE_USERNAME,
    password: e.CLICKHOUSE_PASSWORD ?? '',
    caCertPath: e.CLICKHOUSE_CA_CERT,
  }));

export const cassandraSection = z
  .object({
    LAMBDA_ENV: z.string().optional(),
    CASSANDRA_CONTACT_POINTS: envList(['127.0.0.1:9042']),
    CASSANDRA_LOCAL_DC: envString('datacenter1'),
    CASSANDRA_KEYSPACE: z
      .string()
      .regex(/^[a-z_][a-z0-9_]*$/, 'expected a keyspace name')
      .default('lambda'),
    CASSANDRA_REPLICATION_FACTOR: envInt(1, { min: 1, max: 9 }),
    CASSANDRA_USERNAME: envOptional(),
    CASSANDRA_PASSWORD: envOptional(),
    CASSANDRA_SSL: envBool(false),
  })
  .superRefine(productionNeeds(['CASSANDRA_USERNAME', 'CASSANDRA_PASSWORD', 'CASSANDRA_SSL']))
  .transform((e) => ({
    contactPoints: e.CASSANDRA_CONTACT_POINTS,
    localDataCenter: e.CASSANDRA_LOCAL_DC,
    keyspace: e.CASSANDRA_KEYSPACE,
    replicationFactor: e.CASSANDRA_REPLICATION_FACTOR,
    credentials:
      e.CASSANDRA_USERNAME && e.CASSANDRA_PASSWORD
        ? { username: e.CASSANDRA_USERNAME, password: e.CASSANDRA_PASSWORD }
        : undefined,
    ssl: e.CASSANDRA_SSL,
  }));

export type RuntimeConfig = z.output<typeof runtimeSection>;
export type HttpConfig = z.output<ReturnType<typeof httpSection>>;
export type TelemetryConfig = z.output<typeof telemetrySection>;
export type KafkaConfig = z.output<typeof kafkaSection>;
export type ClickHouseConfig = z.output<typeof clickhouseSection>;
export type CassandraConfig = z.output<typeof cassandraSection>;
