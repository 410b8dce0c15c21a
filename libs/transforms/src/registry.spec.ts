import {
  count,
  createViewRegistry,
  defineView,
  shippedViews,
  ViewDefinitionError,
} from './index.js';

const version = (n: number) =>
  defineView({
    id: 'orders_daily',
    version: n,
    description: `Orders per day, version ${n}.`,
    source: { type: 'order', versions: [1, 2] },
    key: [],
    window: '1d',
    measures: { orders: count() },
  });

describe('view registry', () => {
  it('finds a view by id and version, and the latest version', () => {
    const registry = createViewRegistry([version(2), version(1)]);
    expect(registry.find('orders_daily', 1)?.version).toBe(1);
    expect(registry.find('orders_daily', 3)).toBeUndefined();
    expect(registry.latest('orders_daily')?.version).toBe(2);
    expect(registry.latest('nothing')).toBeUndefined();
  });

  it('refuses the same id and version twice', () => {
    expect(() => createViewRegistry([version(1), version(1)])).toThrow(ViewDefinitionError);
  });

  it('ships the order views', () => {
    expect(shippedViews.views.map((view) => `${view.id} v${view.version} ${view.window}`)).toEqual([
      'merchant_revenue_hourly v1 1h',
      'merchant_unique_customers_daily v1 1d',
      'merchant_refunds_hourly v1 1h',
      'order_status_5m v1 5m',
    ]);
  });
});
