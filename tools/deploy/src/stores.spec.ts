import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from './third-party.js';
import { parseManifests, type KubeObject } from './helm.js';
import { createKubeValidator } from './kube-schema.js';
import { chartDir, deployDir, productionValuesFile } from './repo.js';

const storesDir = path.join(deployDir, 'stores');
const load = (file: string) => parseManifests(readFileSync(path.join(storesDir, file), 'utf8'));
const stores = {
  kafka: load('kafka-strimzi.yaml'),
  clickhouse: load('clickhouse-altinity.yaml'),
  cassandra: load('cassandra-k8ssandra.yaml'),
};
const production = parse(readFileSync(productionValuesFile, 'utf8')) as {
  kafka: {
    brokers: string[];
    topicPartitions: number;
    sasl: { username: string; existingSecret: string };
  };
  clickhouse: { url: string; username: string };
  cassandra: { contactPoints: string[]; localDataCenter: string };
};
const defaults = parse(readFileSync(path.join(chartDir, 'values.yaml'), 'utf8')) as {
  kafka: { topicPartitions: number };
};
const find = (objects: KubeObject[], kind: string, name?: string) =>
  objects.find((o) => o.kind === kind && (name === undefined || o.metadata.name === name));

/**
 * The store examples are operator resources whose CRDs are not available offline (not Go modules
 * on the proxy, or Java): this checks their shape and that they agree with the chart's values.
 */
describe('deploy/stores examples', () => {
  it('are Kubernetes objects, and the built-in kinds among them are valid', () => {
    const validator = createKubeValidator();
    for (const object of Object.values(stores).flat()) {
      expect(object.apiVersion).toMatch(/^[\w.-]+\/v\w+$|^v1$/);
      expect(object.metadata.name).toBeTruthy();
      if (object.apiVersion === 'v1') expect(validator.validate(object)).toEqual([]);
    }
  });

  it('create the three topics, events.raw.v1 with the partitions the production values assume', () => {
    const topics = stores.kafka.filter((o) => o.kind === 'KafkaTopic').map((t) => t.metadata.name);
    expect(topics.sort()).toEqual(['events.dlq.v1', 'events.raw.v1', 'lambda.control.v1']);
    const raw = find(stores.kafka, 'KafkaTopic', 'events.raw.v1')!;
    expect((raw['spec'] as { partitions: number }).partitions).toBe(
      production.kafka.topicPartitions,
    );
    expect(production.kafka.topicPartitions).toBeGreaterThanOrEqual(defaults.kafka.topicPartitions);
  });

  it('serve the endpoints and users deploy/values/production.yaml connects to', () => {
    const kafka = find(stores.kafka, 'Kafka')!;
    expect(production.kafka.brokers[0]).toBe(`${kafka.metadata.name}-kafka-bootstrap.kafka:9093`);
    const user = find(stores.kafka, 'KafkaUser')!;
    expect([user.metadata.name, user.metadata.namespace]).toEqual([
      production.kafka.sasl.existingSecret,
      'lambda',
    ]);
    const chi = find(stores.clickhouse, 'ClickHouseInstallation')!;
    expect(production.clickhouse.url).toBe(
      `https://clickhouse-${chi.metadata.name}.clickhouse:8443`,
    );
    const users = (chi['spec'] as { configuration: { users: Record<string, string> } })
      .configuration.users;
    expect(Object.keys(users)).toContain(`${production.clickhouse.username}/k8s_secret_password`);
    const k8ssandra = find(stores.cassandra, 'K8ssandraCluster')!;
    const dc = (
      k8ssandra['spec'] as { cassandra: { datacenters: { metadata: { name: string } }[] } }
    ).cassandra.datacenters[0]!.metadata.name;
    expect(dc).toBe(production.cassandra.localDataCenter);
    expect(production.cassandra.contactPoints[0]).toBe(
      `${k8ssandra.metadata.name}-${dc}-service.cassandra:9042`,
    );
  });
});
