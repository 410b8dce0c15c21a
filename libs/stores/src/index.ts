/** Readiness checks and orderly closing for the store connections a service makes. */
export { connectStores } from './connect-stores.js';
export type { ConnectedStores, StoreConnection } from './connect-stores.js';
