import { readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { parse } from './third-party.js';
import { helm, sourceOf, type KubeObject } from './helm.js';
import { createKubeValidator, type KubeValidator } from './kube-schema.js';
import { chartDir, dashboardFile, rulesFile } from './repo.js';
import { renderScenario, scenarios } from './scenarios.js';
import { deployTools } from './tools.js';

describe('the lambda chart', () => {
  let validator: KubeValidator;
  beforeAll(() => {
    validator = createKubeValidator();
  });

  describe.each(scenarios)('with $name', (scenario) => {
    it('passes helm lint --strict', () => {
      const result = helm([
        'lint',
        '--strict',
        chartDir,
        '--kube-version',
        deployTools().kubernetesVersion,
        ...scenario.valuesFiles.flatMap((file) => ['--values', file]),
      ]);
      expect(result.stderr).toBe('');
      expect(result.stdout).toContain('1 chart(s) linted, 0 chart(s) failed');
      expect(result.status).toBe(0);
    });

    it('renders only objects valid against the Kubernetes API and the operator CRDs', () => {
      const objects = renderScenario(scenario);
      expect(objects.length).toBeGreaterThan(10);
      const problems = objects.flatMap((object) =>
        validator.validate(object).map((problem) => `${sourceOf(object)}: ${problem}`),
      );
      expect(problems).toEqual([]);
    });

    it('renders one object per template file and no name twice', () => {
      const objects = renderScenario(scenario);
      const bySource = new Map<string, number>();
      for (const object of objects)
        bySource.set(sourceOf(object), (bySource.get(sourceOf(object)) ?? 0) + 1);
      expect([...bySource].filter(([, count]) => count > 1)).toEqual([]);
      const ids = objects.map((o) => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`);
      expect(ids.length).toBe(new Set(ids).size);
    });
  });

  it('puts every object in the release namespace unless a monitoring namespace is set', () => {
    const objects = renderScenario(scenarios[0]!);
    expect(objects.every((o) => o.metadata.namespace === 'lambda')).toBe(true);
  });

  it('validates strictly: a misspelt field, a wrong type and an unknown kind are errors', () => {
    const deployment = structuredClone(
      renderScenario(scenarios[0]!).find((o) => o.kind === 'Deployment')!,
    ) as KubeObject & { spec: { replicas: unknown; template: { spec: { containers: object[] } } } };
    deployment.spec.replicas = 'two';
    Object.assign(deployment.spec.template.spec.containers[0]!, { readOnlyRootFs: true });
    const problems = validator.validate(deployment);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/\/spec\/replicas should be integer/),
        expect.stringMatching(
          /containers\/0 should NOT have additional properties \(readOnlyRootFs\)/,
        ),
      ]),
    );
    expect(
      validator.validate({
        apiVersion: 'apps/v1beta1',
        kind: 'Deployment',
        metadata: { name: 'x' },
      }),
    ).toEqual([expect.stringMatching(/no schema for apiVersion apps\/v1beta1/)]);
  });

  describe('keeps one source for rules and dashboard', () => {
    it.each([
      ['files/prometheus/rules.yaml', rulesFile],
      ['files/grafana/lambda-overview.json', dashboardFile],
    ])('%s is a symlink to deploy/', (link, target) => {
      expect(realpathSync(path.join(chartDir, link))).toBe(realpathSync(target));
    });

    const monitoring = scenarios.find((s) => s.name === 'ci/monitoring-values.yaml')!;

    it('renders deploy/prometheus/rules.yaml into the PrometheusRule, runbooks prefixed', () => {
      const rule = renderScenario(monitoring).find((o) => o.kind === 'PrometheusRule')!;
      const source = parse(readFileSync(rulesFile, 'utf8')) as {
        groups: { rules: { annotations: Record<string, string> }[] }[];
      };
      for (const group of source.groups)
        for (const r of group.rules)
          r.annotations['runbook_url'] =
            `https://docs.example.com/lambda/${r.annotations['runbook_url']}`;
      expect((rule['spec'] as { groups: unknown }).groups).toEqual(source.groups);
      expect(rule.metadata.namespace).toBe('monitoring');
      expect(rule.metadata.labels?.['release']).toBe('kube-prometheus-stack');
    });

    it('ships deploy/grafana/lambda-overview.json in a ConfigMap the Grafana sidecar picks up', () => {
      const configMap = renderScenario(monitoring).find((o) => o.kind === 'ConfigMap')!;
      expect(configMap.metadata.labels?.['grafana_dashboard']).toBe('1');
      const data = configMap['data'] as Record<string, string>;
      expect(JSON.parse(data['lambda-overview.json']!)).toEqual(
        JSON.parse(readFileSync(dashboardFile, 'utf8')),
      );
    });
  });
});
