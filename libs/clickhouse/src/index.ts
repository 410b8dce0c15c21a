/** The ClickHouse client factory and the three ways the platform talks to ClickHouse. */
export {
  createClickHouseClient,
  clickhouseConnection,
  pingClickHouse,
  clickhouseReadiness,
  clickhouseError,
} from './client.js';
export type { ClickHouseClient, ClickHouseClientOptions } from './client.js';
export { queryRows, insertRows, runStatement } from './queries.js';
