import { cassandraStore } from './cassandra.js';
import { clickhouseStore } from './clickhouse.js';
import type { StackConfig } from './config.js';
import { kafkaStore } from './kafka.js';
import { STORE_NAMES, type Store } from './store.js';

export class UnknownStoreError extends Error {}

export function createStores(config: StackConfig): readonly Store[] {
  return [kafkaStore(config), cassandraStore(config), clickhouseStore(config)];
}

/** All stores, or the one named on the command line. */
export function selectStores(stores: readonly Store[], name: string | undefined): readonly Store[] {
  if (name === undefined) return stores;
  const selected = stores.filter((store) => store.name === name);
  if (selected.length === 0) {
    throw new UnknownStoreError(
      `unknown store "${name}"; expected one of: ${STORE_NAMES.join(', ')}`,
    );
  }
  return selected;
}
