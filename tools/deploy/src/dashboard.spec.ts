import { loadContract, unknownMetrics } from './contract.js';
import { dashboardMetrics, loadDashboard, queryPanels } from './dashboard.js';
import { apps } from './repo.js';

const dashboard = loadDashboard();
const panels = queryPanels(dashboard);

describe('deploy/grafana/lambda-overview.json', () => {
  it('is a dashboard with a stable uid, a Prometheus data source variable and unique panel ids', () => {
    expect(dashboard.uid).toBe('lambda-overview');
    expect(dashboard.schemaVersion).toBeGreaterThanOrEqual(36);
    expect(dashboard.templating.list).toContainEqual(
      expect.objectContaining({ name: 'datasource', type: 'datasource', query: 'prometheus' }),
    );
    const ids = dashboard.panels.map((p) => p.id);
    expect(ids.length).toBe(new Set(ids).size);
  });

  it('queries the data source variable from every panel, inside a 24-column grid', () => {
    for (const panel of panels) {
      expect({ panel: panel.title, uid: panel.datasource?.uid }).toEqual({
        panel: panel.title,
        uid: '${datasource}',
      });
      expect(panel.targets?.length).toBeGreaterThan(0);
      expect(panel.gridPos.x + panel.gridPos.w).toBeLessThanOrEqual(24);
      for (const target of panel.targets ?? []) expect(target.expr.trim()).not.toBe('');
    }
  });

  it('uses only metrics of deploy/metrics-contract.json', () => {
    expect(unknownMetrics(dashboardMetrics(dashboard), loadContract())).toEqual([]);
  });

  it.each(apps)('shows metrics of %s', (app) => {
    expect(dashboardMetrics(dashboard).some((m) => m.startsWith(`lambda_${app}_`))).toBe(true);
  });

  it.each([
    ['ingest rate', /accepted/i],
    ['ingest rejects', /rejected/i],
    ['freshness p99', /freshness p99/i],
    ['consumer lag', /consumer lag/i],
    ['batch run age', /age of the last successful run/i],
    ['batch run duration', /run duration/i],
    ['divergence by view', /divergence by view/i],
    ['serving latency', /request latency/i],
  ])('has a panel for %s', (_what, title) => {
    expect(panels.map((p) => p.title)).toContainEqual(expect.stringMatching(title));
  });
});
