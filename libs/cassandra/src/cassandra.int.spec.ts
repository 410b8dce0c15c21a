import { cassandraSection, loadConfig } from '@lambda/config';
import { cassandraReadiness, createCassandraClient } from './index.js';

const { cassandra: config } = loadConfig({ cassandra: cassandraSection });
const keyspace = `it_cassandra_${process.pid}`;
const admin = createCassandraClient(config, { keyspace: null });

afterAll(async () => {
  await admin.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`);
  await admin.shutdown();
});

describe('Cassandra through @lambda/cassandra (real node)', () => {
  it('writes and reads rows with prepared statements', async () => {
    await admin.execute(
      `CREATE KEYSPACE IF NOT EXISTS ${keyspace} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`,
    );
    const client = createCassandraClient(config, { keyspace });
    await client.execute(
      'CREATE TABLE IF NOT EXISTS totals (view_id text, window_start timestamp, amount bigint, PRIMARY KEY (view_id, window_start))',
    );
    const insert = 'INSERT INTO totals (view_id, window_start, amount) VALUES (?, ?, ?)';
    await client.execute(insert, ['revenue', new Date(3_600_000), 9_007_199_254_740_993n]);
    await client.execute(insert, ['revenue', new Date(0), -5n]);
    const rows = (
      await client.execute('SELECT window_start, amount FROM totals WHERE view_id = ?', ['revenue'])
    ).rows;
    expect(rows.map((r) => [r['window_start'].getTime(), r['amount'].toString()])).toEqual([
      [0, '-5'],
      [3_600_000, '9007199254740993'],
    ]);
    await client.shutdown();
  });

  it('is ready against a live node and not against a missing one', async () => {
    await expect(cassandraReadiness(admin).check()).resolves.toBeUndefined();
    const nowhere = createCassandraClient(
      { ...config, contactPoints: ['127.0.0.1:1'] },
      { keyspace: null },
    );
    await expect(cassandraReadiness(nowhere).check()).rejects.toMatchObject({
      code: 'cassandra_unavailable',
      retriable: true,
    });
    await nowhere.shutdown();
  });
});
