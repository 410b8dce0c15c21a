import { unknownMetrics } from './contract.js';
import { labelValuesMetric, metricNames } from './promql.js';

describe('metricNames', () => {
  it.each([
    [
      'sum(rate(a_total[5m])) / (sum(rate(b_total[5m])) + sum(rate(a_total[5m]))) > 0.05',
      ['a_total', 'b_total'],
    ],
    [
      'histogram_quantile(0.99, sum by (le, route) (rate(x_bucket{route!="unmatched"}[$__rate_interval])))',
      ['x_bucket'],
    ],
    ['time() - max by (view) (ts_seconds{view=~"$view"}) > 7200', ['ts_seconds']],
    ['a2 * on(x) group_left(y) c:d offset 5m', ['a2', 'c:d']],
    ['1e3 * up unless absent(z)', ['up', 'z']],
  ])('reads %s', (expr, names) => {
    expect([...metricNames(expr)].sort()).toEqual(names.sort());
  });

  it('reads the metric of a label_values variable', () => {
    expect(labelValuesMetric('label_values(m_ratio, view)')).toBe('m_ratio');
    expect(labelValuesMetric('query_result(up)')).toBeUndefined();
  });

  it('reports names missing from the contract', () => {
    const contract = {
      ingest: ['lambda_ingest_a_total'],
      speed: [],
      batch: [],
      serving: [],
      reconciliation: [],
    };
    expect(unknownMetrics(['lambda_ingest_a_total', 'up', 'lambda_ingest_b'], contract)).toEqual([
      'lambda_ingest_b',
    ]);
  });
});
