/** The Cassandra client factory (prepared statements by default), error mapping and readiness. */
export {
  createCassandraClient,
  cassandraConnection,
  cassandraError,
  cassandraReadiness,
} from './client.js';
export type { CassandraClient, CassandraClientOptions } from './client.js';
