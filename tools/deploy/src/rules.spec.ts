import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from './third-party.js';
import { loadContract, unknownMetrics } from './contract.js';
import { headingAnchors } from './docs.js';
import { metricNames } from './promql.js';
import { operationsDoc, repoRoot, rulesFile, rulesTestFile } from './repo.js';
import { deployTools } from './tools.js';

interface AlertingRule {
  alert: string;
  expr: string;
  for?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}
const groups = (
  parse(readFileSync(rulesFile, 'utf8')) as { groups: { name: string; rules: AlertingRule[] }[] }
).groups;
const alerts = groups.flatMap((g) => g.rules);

const promtool = (...args: string[]) =>
  spawnSync(deployTools().promtool, args, { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });

describe('deploy/prometheus/rules.yaml', () => {
  it('passes promtool check rules', () => {
    const result = promtool('check', 'rules', path.relative(repoRoot, rulesFile));
    expect(result.stdout + result.stderr).toContain(`SUCCESS: ${alerts.length} rules found`);
    expect(result.status).toBe(0);
  });

  it('passes its promtool unit tests (rules.test.yaml)', () => {
    const result = promtool('test', 'rules', path.relative(repoRoot, rulesTestFile));
    expect(result.stdout + result.stderr).toContain('SUCCESS');
    expect(result.status).toBe(0);
  });

  it('has a unit test in which every alert fires', () => {
    const tests = parse(readFileSync(rulesTestFile, 'utf8')) as {
      tests: { alert_rule_test?: { alertname: string; exp_alerts: unknown[] }[] }[];
    };
    const tested = new Set(
      tests.tests
        .flatMap((t) => t.alert_rule_test ?? [])
        .filter((t) => t.exp_alerts.length > 0)
        .map((t) => t.alertname),
    );
    expect(alerts.map((a) => a.alert).filter((name) => !tested.has(name))).toEqual([]);
  });

  it('covers drift, lag, freshness, batch staleness, reconciliation and ingest rejects', () => {
    expect(alerts.map((a) => a.alert)).toEqual(
      expect.arrayContaining([
        'LambdaDriftWarning',
        'LambdaDriftCritical',
        'LambdaSpeedConsumerLagHigh',
        'LambdaFreshnessSLOBreach',
        'LambdaBatchRunStale',
        'LambdaReconciliationStale',
        'LambdaIngestRejectRatioHigh',
      ]),
    );
  });

  it('uses only metrics of deploy/metrics-contract.json', () => {
    const used = alerts.flatMap((a) => [...metricNames(a.expr)]);
    expect(used.length).toBeGreaterThan(alerts.length - 1);
    expect(unknownMetrics(used, loadContract())).toEqual([]);
  });

  it.each(alerts.map((a) => [a.alert, a] as const))(
    '%s has a severity, a summary, a description and a runbook in docs/operations.md',
    (_name, alert) => {
      expect(['warning', 'critical']).toContain(alert.labels['severity']);
      expect(alert.annotations['summary']).toBeTruthy();
      expect(alert.annotations['description']).toBeTruthy();
      const runbook = /^docs\/operations\.md#([\w-]+)$/.exec(
        alert.annotations['runbook_url'] ?? '',
      );
      expect(runbook).not.toBeNull();
      expect([...headingAnchors(operationsDoc)]).toContain(runbook![1]);
    },
  );
});
