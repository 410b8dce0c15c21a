import {
  Kafka,
  logLevel as KafkaLogLevel,
  type KafkaConfig as KafkaJsConfig,
  type LogEntry,
} from 'kafkajs';
import type { KafkaConfig } from '@lambda/config';
import type { Logger } from '@lambda/telemetry';

export type { Kafka };

const levelNames: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [KafkaLogLevel.ERROR]: 'error',
  [KafkaLogLevel.WARN]: 'warn',
  [KafkaLogLevel.INFO]: 'info',
  [KafkaLogLevel.DEBUG]: 'debug',
};

/** Routes kafkajs's own logs into our JSON logger instead of its console format. */
function logCreator(logger: Logger) {
  return () =>
    ({ level, log }: LogEntry) => {
      const { message, ...rest } = log;
      logger[levelNames[level] ?? 'info']({ kafka: rest }, message);
    };
}

export interface KafkaClientOptions {
  logger: Logger;
  /** Overrides config.clientId, e.g. per app. */
  clientId?: string;
  /** Time to wait for a broker connection. Default 3000 ms. */
  connectionTimeoutMs?: number;
  /** Retries kafkajs itself makes for one request. Default 5. */
  retries?: number;
}

/**
 * The one place a kafkajs client is made, so a KafkaJS-compatible client could replace it
 * (kafkajs has few maintainers, tulios/kafkajs#1603).
 */
export function createKafka(config: KafkaConfig, options: KafkaClientOptions): Kafka {
  const settings: KafkaJsConfig = {
    clientId: options.clientId ?? config.clientId,
    brokers: config.brokers,
    ssl: config.ssl,
    connectionTimeout: options.connectionTimeoutMs ?? 3000,
    retry: { retries: options.retries ?? 5 },
    logLevel: KafkaLogLevel.WARN,
    logCreator: logCreator(options.logger),
  };
  if (config.sasl) settings.sasl = config.sasl as KafkaJsConfig['sasl'];
  return new Kafka(settings);
}
