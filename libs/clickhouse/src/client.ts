import { readFileSync } from 'node:fs';
import { createClient, type ClickHouseClient } from '@clickhouse/client';
import type { ClickHouseConfig } from '@lambda/config';
import { PlatformError } from '@lambda/errors';

export type { ClickHouseClient };

export interface ClickHouseClientOptions {
  /** Overrides `config.database`; `default` for statements that create the database. */
  database?: string;
  /** Per-request timeout in ms. Default 60000. */
  requestTimeoutMs?: number;
}

export function createClickHouseClient(
  config: ClickHouseConfig,
  options: ClickHouseClientOptions = {},
): ClickHouseClient {
  return createClient({
    url: config.url,
    username: config.username,
    password: config.password,
    database: options.database ?? config.database,
    request_timeout: options.requestTimeoutMs ?? 60_000,
    ...(config.caCertPath ? { tls: { ca_cert: readFileSync(config.caCertPath) } } : {}),
  });
}

/** Throws a retriable PlatformError when ClickHouse does not answer. */
export async function pingClickHouse(client: ClickHouseClient): Promise<void> {
  const result = await client.ping();
  if (!result.success)
    throw new PlatformError('ClickHouse is unreachable', {
      code: 'clickhouse_unavailable',
      retriable: true,
      cause: result.error,
    });
}

export function clickhouseError(
  operation: string,
  cause: unknown,
  context: Record<string, unknown> = {},
) {
  const message = cause instanceof Error ? cause.message : String(cause);
  const retriable =
    !/Syntax error|Unknown identifier|UNKNOWN_TABLE|doesn't exist|TYPE_MISMATCH/i.test(message);
  return new PlatformError(`ClickHouse ${operation} failed: ${message}`, {
    code: retriable ? 'clickhouse_unavailable' : 'clickhouse_query_error',
    retriable,
    context,
    cause,
  });
}

export function clickhouseReadiness(client: ClickHouseClient) {
  return { name: 'clickhouse', check: () => pingClickHouse(client) };
}

/** A client with its readiness probe, as `connectStores` (libs/stores) takes it. */
export function clickhouseConnection(
  config: ClickHouseConfig,
  options: ClickHouseClientOptions = {},
) {
  const client = createClickHouseClient(config, options);
  return { client, readiness: clickhouseReadiness(client), close: () => client.close() };
}
