import { Client, auth, errors as driverErrors, type ClientOptions } from 'cassandra-driver';
import type { CassandraConfig } from '@lambda/config';
import { PlatformError } from '@lambda/errors';

export type { Client as CassandraClient };

export interface CassandraClientOptions {
  /** Overrides config.keyspace; pass null for a session without keyspace (migrations). */
  keyspace?: string | null;
  /** Per-request timeout in ms. Default 12000 (the driver's). */
  readTimeoutMs?: number;
}

export function createCassandraClient(
  config: CassandraConfig,
  options: CassandraClientOptions = {},
): Client {
  const keyspace = options.keyspace === undefined ? config.keyspace : options.keyspace;
  const settings: ClientOptions = {
    contactPoints: config.contactPoints,
    localDataCenter: config.localDataCenter,
    socketOptions: { connectTimeout: 3000, readTimeout: options.readTimeoutMs ?? 12_000 },
    queryOptions: { prepare: true },
    // Measures are exact integers: bigint in and out, never the driver's Long or a float.
    encoding: { useBigIntAsLong: true, useBigIntAsVarint: true },
  };
  if (keyspace) settings.keyspace = keyspace;
  if (config.credentials)
    settings.authProvider = new auth.PlainTextAuthProvider(
      config.credentials.username,
      config.credentials.password,
    );
  if (config.ssl) settings.sslOptions = { rejectUnauthorized: true };
  return new Client(settings);
}

export function cassandraError(
  operation: string,
  cause: unknown,
  context: Record<string, unknown> = {},
): PlatformError {
  const message = cause instanceof Error ? cause.message : String(cause);
  const retriable =
    cause instanceof driverErrors.NoHostAvailableError ||
    cause instanceof driverErrors.OperationTimedOutError ||
    (cause instanceof driverErrors.ResponseError &&
      [0x1000, 0x1001, 0x1100, 0x1200].includes(cause.code));
  return new PlatformError(`Cassandra ${operation} failed: ${message}`, {
    code: retriable ? 'cassandra_unavailable' : 'cassandra_error',
    retriable,
    context,
    cause,
  });
}

/** Readiness: the driver can reach a node and run a trivial read. */
export function cassandraReadiness(client: Client) {
  return {
    name: 'cassandra',
    async check() {
      try {
        await client.execute('SELECT release_version FROM system.local');
      } catch (error) {
        throw cassandraError('readiness query', error);
      }
    },
  };
}

/** A client with its readiness probe, as `connectStores` (libs/stores) takes it. */
export function cassandraConnection(config: CassandraConfig, options: CassandraClientOptions = {}) {
  const client = createCassandraClient(config, options);
  return { client, readiness: cassandraReadiness(client), close: () => client.shutdown() };
}
