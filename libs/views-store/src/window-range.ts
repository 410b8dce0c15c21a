import { cassandraError, type CassandraClient } from '@lambda/cassandra';
import { bucketsCovering } from './bucket.js';
import { allRows } from './cassandra-rows.js';

/** The windows of one view version's key that start in [fromMs, toMs). */
export interface KeyWindowsQuery {
  viewId: string;
  version: number;
  key: string;
  windowMs: number;
  fromMs: number;
  toMs: number;
}

/**
 * Reads a range bucket by bucket (one partition read each, in parallel) and returns the rows in
 * window order: buckets are consecutive and each partition is clustered by window start.
 */
export async function readAcrossBuckets<T>(
  { windowMs, fromMs, toMs }: KeyWindowsQuery,
  readBucket: (bucket: bigint, fromMs: number, toMs: number) => Promise<T[]>,
): Promise<T[]> {
  const buckets = bucketsCovering(windowMs, fromMs, toMs);
  const perBucket = await Promise.all(
    buckets.map((bucket) => readBucket(BigInt(bucket), fromMs, toMs)),
  );
  return perBucket.flat();
}

/** A table partitioned by (view_id, version, [one more column,] key, bucket), by window_start. */
export interface KeyWindowsTable<T, Q extends KeyWindowsQuery> {
  table: string;
  columns: string;
  /** A partition key column between version and key (batch_view's run_id), and its value. */
  narrowedBy?: { column: string; valueOf(query: Q): string };
  decode(row: Readonly<Record<string, unknown>>): T;
}

/** The reader of a key's windows in one such table, in window order. */
export function keyWindowsReader<T, Q extends KeyWindowsQuery = KeyWindowsQuery>({
  table,
  columns,
  narrowedBy,
  decode,
}: KeyWindowsTable<T, Q>) {
  const narrowing = narrowedBy ? ` AND ${narrowedBy.column} = ?` : '';
  const cql = `SELECT ${columns} FROM ${table} WHERE view_id = ? AND version = ?${narrowing} AND key = ? AND bucket = ? AND window_start >= ? AND window_start < ?`;
  return async (client: CassandraClient, query: Q): Promise<T[]> => {
    const { viewId, version, key } = query;
    const narrowed = narrowedBy ? { [narrowedBy.column]: narrowedBy.valueOf(query) } : {};
    try {
      return await readAcrossBuckets(query, async (bucket, fromMs, toMs) =>
        (
          await allRows(client, cql, [
            viewId,
            version,
            ...Object.values(narrowed),
            key,
            bucket,
            new Date(fromMs),
            new Date(toMs),
          ])
        ).map(decode),
      );
    } catch (error) {
      throw cassandraError(`read ${table}`, error, { viewId, version, ...narrowed, key });
    }
  };
}
