import { clickhouseSection, loadConfig } from '@lambda/config';
import { PlatformError } from '@lambda/errors';
import {
  createClickHouseClient,
  insertRows,
  pingClickHouse,
  queryRows,
  runStatement,
} from './index.js';

const { clickhouse: config } = loadConfig({ clickhouse: clickhouseSection });
const database = `it_clickhouse_${process.pid}`;
const admin = createClickHouseClient(config, { database: 'default' });
const client = createClickHouseClient(config, { database });

beforeAll(() => runStatement(admin, `CREATE DATABASE IF NOT EXISTS ${database}`));
afterAll(async () => {
  await runStatement(admin, `DROP DATABASE IF EXISTS ${database}`);
  await Promise.all([admin.close(), client.close()]);
});

describe('ClickHouse through @lambda/clickhouse (real server)', () => {
  it('answers a ping', async () => {
    await expect(pingClickHouse(client)).resolves.toBeUndefined();
  });

  it('inserts rows in one batch and reads them back', async () => {
    await runStatement(
      client,
      'CREATE TABLE items (id String, amount Int64) ENGINE = MergeTree ORDER BY id',
    );
    await insertRows(client, 'items', [
      { id: 'a', amount: 5 },
      { id: 'b', amount: -9007199254740991 },
    ]);
    const rows = await queryRows<{ id: string; amount: string }>(
      client,
      'SELECT id, amount FROM items ORDER BY id',
    );
    expect(rows).toEqual([
      { id: 'a', amount: '5' },
      { id: 'b', amount: '-9007199254740991' },
    ]);
  });

  it('wraps a bad query in a non-retriable PlatformError', async () => {
    const failure = queryRows(client, 'SELECT no_such_column FROM items');
    await expect(failure).rejects.toBeInstanceOf(PlatformError);
    await expect(failure).rejects.toMatchObject({
      retriable: false,
      code: 'clickhouse_query_error',
    });
  });

  it('reports an unreachable server as retriable', async () => {
    const nowhere = createClickHouseClient(
      { ...config, url: 'http://127.0.0.1:1' },
      { requestTimeoutMs: 2000 },
    );
    await expect(pingClickHouse(nowhere)).rejects.toMatchObject({
      retriable: true,
      code: 'clickhouse_unavailable',
    });
    await nowhere.close();
  });
});
