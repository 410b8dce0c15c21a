import type { CassandraConfig, ClickHouseConfig, KafkaConfig } from '@lambda/config';
import { cassandraReadiness, createCassandraClient, type CassandraClient } from '@lambda/cassandra';
import {
  clickhouseReadiness,
  createClickHouseClient,
  type ClickHouseClient,
} from '@lambda/clickhouse';
import type { ReadinessCheck } from '@lambda/http';
import { createKafka, kafkaReadiness, type Kafka } from '@lambda/kafka';
import type { ServiceContext } from '@lambda/service';

export interface StoreConfigs {
  kafka?: KafkaConfig;
  clickhouse?: ClickHouseConfig;
  cassandra?: CassandraConfig;
}

type Clients<C extends StoreConfigs> = {
  kafka: C['kafka'] extends KafkaConfig ? Kafka : undefined;
  clickhouse: C['clickhouse'] extends ClickHouseConfig ? ClickHouseClient : undefined;
  cassandra: C['cassandra'] extends CassandraConfig ? CassandraClient : undefined;
};

export type ConnectedStores<C extends StoreConfigs> = Clients<C> & { readiness: ReadinessCheck[] };

/**
 * Makes a client for each store a service is configured with, a readiness check for each, and
 * registers their closing as the service's last stop step. Connections open lazily, so a service
 * starts while a store is down and reports itself unready until it returns.
 */
export function connectStores<C extends StoreConfigs>(
  context: ServiceContext,
  service: string,
  configs: C,
): ConnectedStores<C> {
  const readiness: ReadinessCheck[] = [];
  const closers: (() => Promise<void>)[] = [];
  let kafka: Kafka | undefined;
  let clickhouse: ClickHouseClient | undefined;
  let cassandra: CassandraClient | undefined;
  if (configs.kafka) {
    kafka = createKafka(configs.kafka, { logger: context.logger, clientId: `lambda-${service}` });
    const probe = kafkaReadiness(kafka);
    readiness.push(probe);
    closers.push(() => probe.close());
  }
  if (configs.clickhouse) {
    const client = createClickHouseClient(configs.clickhouse);
    readiness.push(clickhouseReadiness(client));
    closers.push(() => client.close());
    clickhouse = client;
  }
  if (configs.cassandra) {
    const client = createCassandraClient(configs.cassandra);
    readiness.push(cassandraReadiness(client));
    closers.push(() => client.shutdown());
    cassandra = client;
  }
  context.lifecycle.onStop('stores', async () => {
    await Promise.all(closers.map((close) => close()));
  });
  return { kafka, clickhouse, cassandra, readiness } as ConnectedStores<C>;
}
