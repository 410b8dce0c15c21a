/** Clients, readiness checks and orderly closing for the stores a service is configured with. */
export { connectStores } from './connect-stores.js';
export type { ConnectedStores, StoreConfigs } from './connect-stores.js';
