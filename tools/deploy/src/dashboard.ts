import { readFileSync } from 'node:fs';
import { labelValuesMetric, metricNames } from './promql.js';
import { dashboardFile } from './repo.js';

export interface Target {
  refId: string;
  expr: string;
  datasource: { type: string; uid: string };
}
export interface Panel {
  id: number;
  type: string;
  title: string;
  gridPos: { x: number; y: number; w: number; h: number };
  datasource?: { type: string; uid: string };
  targets?: Target[];
}
export interface Dashboard {
  uid: string;
  title: string;
  schemaVersion: number;
  panels: Panel[];
  templating: { list: { name: string; type: string; query: string | { query: string } }[] };
}

export const loadDashboard = (): Dashboard =>
  JSON.parse(readFileSync(dashboardFile, 'utf8')) as Dashboard;

/** Panels that query (rows excluded). */
export const queryPanels = (dashboard: Dashboard) =>
  dashboard.panels.filter((p) => p.type !== 'row');

export const panelExpressions = (dashboard: Dashboard) =>
  queryPanels(dashboard).flatMap((p) => (p.targets ?? []).map((t) => t.expr));

const variableQueries = (dashboard: Dashboard) =>
  dashboard.templating.list
    .filter((v) => v.type === 'query')
    .map((v) => (typeof v.query === 'string' ? v.query : v.query.query));

/** Every metric the dashboard reads, from panel targets and variable queries. */
export const dashboardMetrics = (dashboard: Dashboard) => [
  ...panelExpressions(dashboard).flatMap((expr) => [...metricNames(expr)]),
  ...variableQueries(dashboard)
    .map(labelValuesMetric)
    .filter((m): m is string => m !== undefined),
];

/**
 * A panel expression as Prometheus would receive it from Grafana: the dashboard's variables
 * replaced by what Grafana substitutes ($view: all views, $__rate_interval: a range).
 */
export const asPrometheusQuery = (expr: string) =>
  expr.replace(/\$__rate_interval|\$__interval/g, '1m').replace(/\$\{?view\}?/g, '.*');
