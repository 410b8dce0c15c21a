import type { CassandraClient } from '@lambda/cassandra';

type Row = Readonly<Record<string, unknown>>;

/**
 * Every row of a query, page after page: `execute` alone returns only the first page (5000 rows),
 * which a bucket of a view with many Kafka partitions can exceed.
 */
export async function allRows(
  client: CassandraClient,
  cql: string,
  params: readonly unknown[],
): Promise<Row[]> {
  const rows: Row[] = [];
  let pageState: string | undefined;
  do {
    const page = await client.execute(cql, [...params], { prepare: true, pageState });
    rows.push(...page.rows);
    pageState = page.pageState ?? undefined;
  } while (pageState !== undefined);
  return rows;
}

export const timestampMs = (value: unknown): number | null =>
  value instanceof Date ? value.getTime() : null;

/** A `map<text, bigint>` column; Cassandra returns an empty map as null. */
export function bigintMap(value: unknown): Record<string, bigint> {
  if (value === null || value === undefined) return {};
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).filter(
      (entry): entry is [string, bigint] => typeof entry[1] === 'bigint',
    ),
  );
}

/** A `map<text, frozen<set<text>>>` column, sets as arrays of their members. */
export function textSetMap(value: unknown): Record<string, readonly string[]> {
  if (value === null || value === undefined) return {};
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([name, members]) => [
      name,
      Array.isArray(members) ? members.map(String) : [],
    ]),
  );
}
