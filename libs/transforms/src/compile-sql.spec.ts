import { compileViewSql, merchantRevenueHourly, orderStatus5m, type View } from './index.js';

const HOUR = 3_600_000;

describe('compileViewSql', () => {
  const sql = compileViewSql(merchantRevenueHourly, { database: 'lambda' });

  it('reads the master table of the source type, only the declared schema versions', () => {
    expect(sql).toContain('FROM `lambda`.`events_order`');
    expect(sql).toContain('WHERE schema_version IN (1, 2)');
    expect(sql).toContain("AND ifNull(`status` = 'completed', 0)");
  });

  it('keeps the first delivery per key, window and event_id', () => {
    expect(sql).toContain(
      'argMin(tuple(`amount_minor`), tuple(kafka_partition, kafka_offset)) AS first_delivery',
    );
    expect(sql).toContain('GROUP BY key, window_start_ms, event_id');
    expect(sql).toMatch(/GROUP BY key, window_start_ms$/);
  });

  it('computes the window start with integer arithmetic', () => {
    expect(sql).toContain('intDiv(`occurred_at_ms`, 3600000) * 3600000 AS window_start_ms');
  });

  it('guards min and max so that nothing contributing gives NULL, not 0', () => {
    expect(sql).toContain(
      'if(countIf(isNotNull(`amount_minor`)) = 0, NULL, minIf(assumeNotNull(`amount_minor`), isNotNull(`amount_minor`))) AS `min_order_minor`',
    );
  });

  it('uses measure-level filters as -If conditions and a constant global key', () => {
    const status = compileViewSql(orderStatus5m, { database: 'lambda' });
    expect(status).toContain("countIf(ifNull(`status` = 'created', 0)) AS `created`");
    expect(status).toContain("'*' AS key");
  });

  it('restricts to whole windows of a range and to one key', () => {
    const ranged = compileViewSql(merchantRevenueHourly, {
      database: 'lambda',
      table: 'events_order_copy',
      fromMs: 10 * HOUR,
      toMs: 12 * HOUR,
      keyEquals: "m'1|EUR",
    });
    expect(ranged).toContain('FROM `lambda`.`events_order_copy`');
    expect(ranged).toContain(`AND occurred_at_ms >= ${10 * HOUR}\n`);
    expect(ranged).toContain(`AND occurred_at_ms < ${12 * HOUR}\n`);
    expect(ranged).toMatch(
      /AND concat\(.*\) = 'm\\'1\|EUR'\)\nGROUP BY key, window_start_ms, event_id/,
    );
  });

  it('refuses a range that would cut a window', () => {
    expect(() =>
      compileViewSql(merchantRevenueHourly, { database: 'lambda', fromMs: HOUR + 1 }),
    ).toThrow('fromMs 3600001 is not aligned to the 1h windows of view merchant_revenue_hourly');
  });

  it('refuses unsafe names', () => {
    expect(() =>
      compileViewSql(merchantRevenueHourly, { database: 'lambda; DROP DATABASE x' }),
    ).toThrow(/identifier/);
  });

  describe('with a delivery index', () => {
    const index = { database: 'lambda', name: 'idx', type: 'order' };
    const options = { database: 'lambda', fromMs: 30 * HOUR, toMs: 50 * HOUR };

    it('skips excluded deliveries of the days read, and dedups only when the index has any to', () => {
      const plain = compileViewSql(merchantRevenueHourly, {
        ...options,
        deliveryIndex: { ...index, dedup: false },
      });
      expect(plain).toContain(
        'bitOr(bitShiftLeft(toUInt64(kafka_partition), 48), toUInt64(kafka_offset)) NOT IN (SELECT delivery FROM `lambda`.`idx_excluded` WHERE day_ms >= 86400000 AND day_ms < 180000000)',
      );
      expect(plain).not.toContain('GROUP BY key, window_start_ms, event_id');
      const deduped = compileViewSql(merchantRevenueHourly, {
        ...options,
        deliveryIndex: { ...index, dedup: true },
      });
      expect(deduped).toContain(
        'bitOr(bitShiftLeft(toUInt64(kafka_partition), 48), toUInt64(kafka_offset)) IN (SELECT delivery FROM `lambda`.`idx_dedup` WHERE day_ms >= 86400000 AND day_ms < 180000000)',
      );
      expect(deduped).toContain('GROUP BY key, window_start_ms, event_id');
    });

    it('refuses views it cannot serve exactly', () => {
      const weekly: View = { ...merchantRevenueHourly, window: '7d', windowMs: 7 * 24 * HOUR };
      const deliveryIndex = { ...index, dedup: false };
      expect(() => compileViewSql(weekly, { database: 'lambda', deliveryIndex })).toThrow(
        'view merchant_revenue_hourly has 7d windows, which do not divide a day',
      );
      expect(() =>
        compileViewSql(merchantRevenueHourly, {
          database: 'lambda',
          deliveryIndex: { ...deliveryIndex, type: 'refund' },
        }),
      ).toThrow("reads order events, not the index's refund");
      expect(() =>
        compileViewSql(merchantRevenueHourly, {
          database: 'lambda',
          deliveryIndex,
          redeliveredIdsTable: 'ids',
        }),
      ).toThrow('takes a delivery index or a re-delivered ids table, not both');
    });
  });
});
