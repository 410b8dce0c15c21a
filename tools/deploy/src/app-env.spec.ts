import { ConfigError, loadConfig } from '@lambda/config';
import { appSections, variablesOf } from './app-config.js';
import { readDockerfile } from './dockerfile.js';
import type { KubeObject } from './helm.js';
import { isWorkload, podTemplateOf, type Container } from './kube.js';
import { apps, type AppName } from './repo.js';
import { renderScenario, scenarios } from './scenarios.js';

/** Variables the chart sets that the config sections do not (yet) declare, and why. */
const READ_OUTSIDE_CONFIG_SECTIONS = new Set([
  'API_KEYS_FILE', // ingest, serving and reconciliation: the hashed keys file (issue #9 contract)
]);

const containersByApp = (objects: KubeObject[]) =>
  objects
    .filter((o) => isWorkload(o) && o.kind !== 'Pod')
    .map((workload) => ({
      workload: workload.metadata.name,
      app: podTemplateOf(workload).spec.containers[0]!.name as AppName,
      container: podTemplateOf(workload).spec.containers[0]!,
    }));

/** The env a container would see, with every Secret reference resolved to a stand-in value. */
const resolveEnv = (container: Container) =>
  Object.fromEntries(
    (container.env ?? []).map((e) => [e.name, e.value ?? (e.valueFrom ? 'from-a-secret' : '')]),
  );

const production = scenarios.find((s) => s.name.startsWith('production example'))!;
const defaults = scenarios[0]!;

describe('the env the chart renders', () => {
  it.each(apps)("passes %s's own config validation with the production example", (app) => {
    const containers = containersByApp(renderScenario(production)).filter((c) => c.app === app);
    expect(containers.length).toBeGreaterThan(0);
    for (const { container } of containers) {
      const config = loadConfig(appSections[app], resolveEnv(container)) as Record<string, unknown>;
      expect(config['runtime']).toMatchObject({ environment: 'production', migrateOnStart: false });
      expect(config['http']).toEqual({ host: '0.0.0.0', port: 8080 });
    }
  });

  it('sets only variables the apps read, and only the stores each app uses', () => {
    for (const scenario of scenarios)
      for (const { workload, app, container } of containersByApp(renderScenario(scenario))) {
        const known = new Set(Object.values(appSections[app]).flatMap(variablesOf));
        const unknown = (container.env ?? [])
          .map((e) => e.name)
          .filter((name) => !known.has(name) && !READ_OUTSIDE_CONFIG_SECTIONS.has(name));
        expect({ scenario: scenario.name, workload, unknown }).toEqual({
          scenario: scenario.name,
          workload,
          unknown: [],
        });
      }
  });

  it('gives the hashed API keys file to the apps with an API only', () => {
    const withKeys = containersByApp(renderScenario(production))
      .filter(({ container }) => resolveEnv(container)['API_KEYS_FILE'])
      .map(({ app }) => app);
    expect(new Set(withKeys)).toEqual(new Set(['ingest', 'serving', 'reconciliation']));
  });

  it("starts ingest's Node with its heap flags before the image's script, and no other app's", () => {
    const entrypoint = JSON.parse(
      readDockerfile().find((i) => i.keyword === 'ENTRYPOINT')!.args,
    ) as string[];
    const [node, ...script] = entrypoint;
    const flags = ['--max-semi-space-size=8', '--heap-growing-percent=60'];
    const commands = containersByApp(renderScenario(defaults))
      .filter(({ container }) => container.command)
      .map(({ app, container }) => [app, container.command]);
    expect(commands).toEqual([['ingest', [node, ...flags, ...script]]]);
    expect(script.at(-1)).toBe('main.js');
  });

  it('leaves credentials out of the defaults, so production apps refuse to start and say why', () => {
    const ingest = containersByApp(renderScenario(defaults)).find((c) => c.app === 'ingest')!;
    let error: unknown;
    try {
      loadConfig(appSections.ingest, resolveEnv(ingest.container));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'KAFKA_SASL_PASSWORD: required when LAMBDA_ENV=production (not set)',
    ]);
  });
});
