import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from './third-party.js';
import { eventually, startApp, type AppProcess } from '@lambda/testing';
import { loadContract } from './contract.js';
import { asPrometheusQuery, loadDashboard, panelExpressions } from './dashboard.js';
import { startPrometheus, type PrometheusServer } from './prometheus.js';
import { apps, rulesFile } from './repo.js';

interface RuleGroup {
  name: string;
  rules: { name: string; health: string; lastError?: string; lastEvaluation: string }[];
}

/**
 * A real Prometheus (Debian's package) scrapes the five apps running as real processes and
 * evaluates deploy/prometheus/rules.yaml against them; every dashboard query runs against it.
 */
describe('Prometheus scraping the running apps', () => {
  const running: AppProcess[] = [];
  let prometheus: PrometheusServer;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'lambda-prometheus-'));
    // Track every app that did start, so afterAll stops them even when another one failed.
    const started = await Promise.allSettled(apps.map((app) => startApp(app)));
    for (const result of started) if (result.status === 'fulfilled') running.push(result.value);
    const failed = started.flatMap((r, i) =>
      r.status === 'rejected' ? [`${apps[i]}: ${(r.reason as Error).message}`] : [],
    );
    if (failed.length > 0) throw new Error(`apps did not start:\n${failed.join('\n')}`);
    // One request each so the HTTP duration histogram has series before the first scrape.
    await Promise.all(running.map((app) => fetch(`${app.url}/healthz`)));
    prometheus = await startPrometheus(
      dir,
      apps.map((job, i) => ({ job, address: new URL(running[i]!.url).host })),
      [rulesFile],
    );
  }, 180_000);

  afterAll(async () => {
    await prometheus?.stop();
    await Promise.all(
      running.map(async (app) => {
        const killer = setTimeout(() => app.process.kill('SIGKILL'), 15_000);
        await app.stop('SIGTERM');
        clearTimeout(killer);
      }),
    );
    rmSync(dir, { recursive: true, force: true });
  });

  it('scrapes every app: up is 1 for all five targets', async () => {
    await eventually(async () => (await prometheus.query('up == 1')).length === apps.length, {
      timeoutMs: 30_000,
    });
    const up = await prometheus.query('up');
    expect(Object.fromEntries(up.map((s) => [s.metric['job'], s.value[1]]))).toEqual(
      Object.fromEntries(apps.map((app) => [app, '1'])),
    );
  });

  it.each(apps)('stores the generic metrics %s exports', async (app) => {
    const wanted = [
      `lambda_${app}_process_resident_memory_bytes`,
      `lambda_${app}_http_request_duration_seconds_bucket`,
      `lambda_${app}_http_request_duration_seconds_sum`,
      `lambda_${app}_http_request_duration_seconds_count`,
    ];
    const names = async () =>
      new Set(
        (await prometheus.query(`group by (__name__) ({job="${app}",__name__=~"lambda_.*"})`)).map(
          (s) => s.metric['__name__'],
        ),
      );
    await eventually(
      async () => {
        const got = await names();
        return wanted.every((name) => got.has(name));
      },
      { timeoutMs: 30_000 },
    );
    const got = await names();
    // Everything an app exports carries its prefix; report contract series not seen yet (labelled
    // series appear only after their first observation, so absence is not an error here).
    const contract = new Set(loadContract()[app]);
    // Every app-specific series is in the contract (prom-client's process_/nodejs_ defaults aside),
    // so a new metric is added to deploy/metrics-contract.json before a dashboard can rely on it.
    const outside = [...got].filter(
      (name) => !contract.has(name!) && !new RegExp(`^lambda_${app}_(process|nodejs)_`).test(name!),
    );
    expect({ app, notInDeployMetricsContract: outside }).toEqual({
      app,
      notInDeployMetricsContract: [],
    });
    const unseen = [...contract].filter((name) => !got.has(name));
    if (unseen.length > 0)
      console.info(`${app}: contract series not exported yet: ${unseen.join(', ')}`);
  });

  it('loads every rule group of deploy/prometheus/rules.yaml and evaluates every rule without error', async () => {
    await eventually(
      async () => {
        const { groups } = await prometheus.api<{ groups: RuleGroup[] }>('/api/v1/rules');
        return (
          groups.length > 0 &&
          groups.every((g) => g.rules.every((r) => !r.lastEvaluation.startsWith('0001-')))
        );
      },
      { timeoutMs: 30_000 },
    );
    const { groups } = await prometheus.api<{ groups: RuleGroup[] }>('/api/v1/rules');
    const source = parse(readFileSync(rulesFile, 'utf8')) as {
      groups: { name: string; rules: unknown[] }[];
    };
    expect(groups.map((g) => g.name).sort()).toEqual(source.groups.map((g) => g.name).sort());
    expect(groups.flatMap((g) => g.rules)).toHaveLength(
      source.groups.flatMap((g) => g.rules).length,
    );
    const unhealthy = groups
      .flatMap((g) => g.rules)
      .filter((r) => r.health !== 'ok' || r.lastError)
      .map((r) => `${r.name}: ${r.health} ${r.lastError ?? ''}`);
    expect(unhealthy).toEqual([]);
  });

  it('answers every dashboard query', async () => {
    const failures: string[] = [];
    for (const expr of panelExpressions(loadDashboard()))
      await prometheus.query(asPrometheusQuery(expr)).catch((error: Error) => {
        failures.push(`${expr}: ${error.message}`);
      });
    expect(failures).toEqual([]);
  });
});
