import type { ClickHouseClient } from '@clickhouse/client';
import { clickhouseError } from './client.js';

/** Runs a SELECT and returns its rows. 64-bit integers arrive as strings (ClickHouse's JSON default). */
export async function queryRows<T>(client: ClickHouseClient, sql: string): Promise<T[]> {
  try {
    const result = await client.query({ query: sql, format: 'JSONEachRow' });
    return await result.json<T>();
  } catch (error) {
    throw clickhouseError('query', error, { sql: sql.slice(0, 200) });
  }
}

/** Inserts rows in one request; callers batch, never one row per insert. */
export async function insertRows(
  client: ClickHouseClient,
  table: string,
  rows: readonly object[],
): Promise<void> {
  if (rows.length === 0) return;
  try {
    await client.insert({ table, values: rows as object[], format: 'JSONEachRow' });
  } catch (error) {
    throw clickhouseError('insert', error, { table, rows: rows.length });
  }
}

/** Runs a statement that returns no rows (DDL, TRUNCATE, OPTIMIZE). */
export async function runStatement(client: ClickHouseClient, sql: string): Promise<void> {
  try {
    await client.command({ query: sql });
  } catch (error) {
    throw clickhouseError('statement', error, { sql: sql.slice(0, 200) });
  }
}
