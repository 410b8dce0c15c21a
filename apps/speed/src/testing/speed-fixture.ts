import { Writable } from 'node:stream';
import { cassandraSection, clickhouseSection, kafkaSection, loadConfig } from '@lambda/config';
import type { types } from 'cassandra-driver';
import { createCassandraClient, type CassandraClient } from '@lambda/cassandra';
import { createKafka, ensureTopics } from '@lambda/kafka';
import { runMigrations } from '@lambda/migrations';
import { createLogger } from '@lambda/telemetry';
import { oracleViews, startApp, type OracleMeasures } from '@lambda/testing';
import { decodeSpeedRow } from '@lambda/views-store';

/**
 * Every row of a query, page by page with `execute`. Not `eachRow`: the driver's row-streaming
 * parser threw "RangeError: The value of "offset" is out of range" (FrameReader.readInt) on
 * speed_view rows whose cells span several socket chunks; `execute` buffers whole frames.
 */
async function allRows(client: CassandraClient, query: string): Promise<types.Row[]> {
  const rows: types.Row[] = [];
  let pageState: string | undefined;
  do {
    const page = await client.execute(query, [], { prepare: true, fetchSize: 2000, pageState });
    rows.push(...page.rows);
    pageState = page.pageState ?? undefined;
  } while (pageState !== undefined);
  return rows;
}

const quiet = createLogger({
  service: 'speed-spec',
  level: 'error',
  destination: new Writable({ write: (_c, _e, d) => d() }),
});

/**
 * A private topic, DLQ, consumer group and keyspace per test file, so speed tests never touch
 * the platform's own data or each other's.
 */
export async function createSpeedFixture(
  name: string,
  { partitions = 6, allowedLatenessMs = 60_000 } = {},
) {
  const suffix = `${name}_${process.pid}_${Date.now()}`;
  const base = loadConfig({
    kafka: kafkaSection,
    clickhouse: clickhouseSection,
    cassandra: cassandraSection,
  });
  const cassandraConfig = { ...base.cassandra, keyspace: `it_speed_${suffix}`.toLowerCase() };
  await runMigrations({ ...base, cassandra: cassandraConfig }, quiet);
  const kafka = createKafka(base.kafka, { logger: quiet });
  const topic = `it.speed.${suffix}`;
  const dlqTopic = `it.speed.dlq.${suffix}`;
  await ensureTopics(kafka, [
    { topic, numPartitions: partitions },
    { topic: dlqTopic, numPartitions: 1 },
  ]);
  const cassandra = createCassandraClient(cassandraConfig);
  const groupId = `it-speed-${suffix}`;
  const env = {
    CASSANDRA_KEYSPACE: cassandraConfig.keyspace,
    SPEED_EVENTS_TOPIC: topic,
    SPEED_DLQ_TOPIC: dlqTopic,
    SPEED_GROUP_ID: groupId,
    SPEED_ALLOWED_LATENESS_MS: String(allowedLatenessMs),
    SPEED_SESSION_TIMEOUT_MS: '6000',
  };
  return {
    kafka,
    topic,
    dlqTopic,
    groupId,
    cassandra,
    allowedLatenessMs,
    startSpeed: () => startApp('speed', { env }),
    /** The group's committed offset per partition (partitions it never committed left out). */
    async committedOffsets(): Promise<Map<number, bigint>> {
      const admin = kafka.admin();
      await admin.connect();
      try {
        const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
        return new Map(
          (offsets?.partitions ?? [])
            .filter((p) => BigInt(p.offset) >= 0n)
            .map((p) => [p.partition, BigInt(p.offset)]),
        );
      } finally {
        await admin.disconnect();
      }
    },
    /** Members the broker still counts in the group. */
    async groupMembers(): Promise<number> {
      const admin = kafka.admin();
      await admin.connect();
      try {
        const { groups } = await admin.describeGroups([groupId]);
        return groups[0]?.members.length ?? 0;
      } finally {
        await admin.disconnect();
      }
    },
    /** speed_view as `view@version|key|windowStart|partition` → finalized measures. */
    async storedPartials(): Promise<Map<string, OracleMeasures>> {
      const stored = new Map<string, OracleMeasures>();
      for (const row of await allRows(
        cassandra,
        // Not event_ids: the speed layer's bookkeeping, large, and not what is compared.
        'SELECT view_id, version, key, window_start, kafka_partition, measures, distinct_members, distinct_values FROM speed_view',
      )) {
        const view = oracleViews.find(
          (v) => v.id === row['view_id'] && v.version === row['version'],
        )!;
        const { measures: values, distinctValues } = decodeSpeedRow(row);
        const measures: OracleMeasures = {};
        for (const [measure, spec] of Object.entries(view.measures))
          measures[measure] =
            spec.kind === 'distinct'
              ? BigInt(distinctValues[measure]?.length ?? 0)
              : (values[measure] ?? null);
        stored.set(
          `${row['view_id']}@${row['version']}|${row['key']}|${row['window_start'].getTime()}|${row['kafka_partition']}`,
          measures,
        );
      }
      return stored;
    },
    /** speed_late_events as `view@version|key|windowStart` → event_ids, of one Kafka partition or all. */
    async storedLateEvents(kafkaPartition?: number): Promise<Map<string, Set<string>>> {
      const late = new Map<string, Set<string>>();
      for (const row of await allRows(
        cassandra,
        'SELECT view_id, version, key, window_start, kafka_partition, event_id FROM speed_late_events',
      )) {
        if (kafkaPartition !== undefined && row['kafka_partition'] !== kafkaPartition) continue;
        const id = `${row['view_id']}@${row['version']}|${row['key']}|${row['window_start'].getTime()}`;
        if (!late.has(id)) late.set(id, new Set());
        late.get(id)!.add(row['event_id']);
      }
      return late;
    },
    async dispose() {
      await cassandra.execute(`DROP KEYSPACE IF EXISTS ${cassandraConfig.keyspace}`);
      await cassandra.shutdown();
      const admin = kafka.admin();
      await admin.connect();
      await admin.deleteTopics({ topics: [topic, dlqTopic] }).catch(() => undefined);
      await admin.disconnect();
    },
  };
}
