import { loadConfig } from './config.js';
import { UnknownStoreError, createStores, selectStores } from './stores.js';

describe('selectStores', () => {
  const stores = createStores(loadConfig({ STACK_DIR: '/tmp/stack-test' }, '/repo'));

  it('selects all three stores, or the one named', () => {
    expect(selectStores(stores, undefined).map((store) => store.name)).toEqual([
      'kafka',
      'cassandra',
      'clickhouse',
    ]);
    expect(selectStores(stores, 'cassandra').map((store) => store.name)).toEqual(['cassandra']);
  });

  it('names the valid stores when given an unknown one', () => {
    expect(() => selectStores(stores, 'redis')).toThrow(UnknownStoreError);
    expect(() => selectStores(stores, 'redis')).toThrow(
      'expected one of: kafka, cassandra, clickhouse',
    );
  });

  it('gives every store its own folder, ports and log', () => {
    const [kafka, cassandra, clickhouse] = stores;
    expect(kafka?.ports).toEqual([9092, 9093]);
    expect(cassandra?.ports).toEqual([9042, 7000]);
    expect(clickhouse?.ports).toEqual([8123, 9000]);
    expect(clickhouse?.layout.pidFile).toBe('/tmp/stack-test/clickhouse/clickhouse.pid');
  });
});
