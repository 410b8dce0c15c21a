import type { KubeObject } from './helm.js';
import {
  isWorkload,
  podTemplateOf,
  selects,
  specOf,
  type Container,
  type PodTemplate,
} from './kube.js';
import { renderScenario, scenarios } from './scenarios.js';

const STANDARD_LABELS = [
  'app.kubernetes.io/name',
  'app.kubernetes.io/instance',
  'app.kubernetes.io/component',
  'app.kubernetes.io/part-of',
  'app.kubernetes.io/version',
  'app.kubernetes.io/managed-by',
  'helm.sh/chart',
];
const SELECTOR_KEYS = ['app.kubernetes.io/instance', 'app.kubernetes.io/name'];

type Selector = { matchLabels: Record<string, string> };
const podsOf = (objects: KubeObject[]) =>
  objects.filter(isWorkload).map((workload) => ({ workload, pod: podTemplateOf(workload) }));
const envOf = (container: Container) =>
  Object.fromEntries((container.env ?? []).map((e) => [e.name, e.value]));
const containerPorts = (container: Container) => container.ports ?? [];

describe.each(scenarios)('workloads with $name', (scenario) => {
  let objects: KubeObject[];
  beforeAll(() => {
    objects = renderScenario(scenario);
  });
  const deployments = () => objects.filter((o) => o.kind === 'Deployment');

  it('label every object with the standard app.kubernetes.io labels', () => {
    const missing = objects.flatMap((o) =>
      STANDARD_LABELS.filter((label) => !o.metadata.labels?.[label]).map(
        (label) => `${o.kind}/${o.metadata.name} lacks ${label}`,
      ),
    );
    expect(missing).toEqual([]);
  });

  it('select pods by name and instance only, and the pod templates carry those labels', () => {
    for (const deployment of deployments()) {
      const { selector, template } = specOf<{ selector: Selector; template: PodTemplate }>(
        deployment,
      );
      expect(Object.keys(selector.matchLabels).sort()).toEqual(SELECTOR_KEYS);
      expect(selects(selector.matchLabels, template.metadata.labels)).toBe(true);
    }
    for (const { workload, pod } of podsOf(objects)) {
      expect(STANDARD_LABELS.filter((l) => !pod.metadata.labels[l])).toEqual([]);
      expect(pod.metadata.labels['app.kubernetes.io/name']).toBe(
        workload.metadata.labels?.['app.kubernetes.io/name'],
      );
    }
  });

  it('give every workload its own pod name label, so no selector matches two workloads', () => {
    const names = podsOf(objects).map(({ pod }) => pod.metadata.labels['app.kubernetes.io/name']);
    expect(names.length).toBe(new Set(names).size);
  });

  it('run every pod non-root with seccomp RuntimeDefault and no service account token', () => {
    for (const { workload, pod } of podsOf(objects)) {
      const where = `${workload.kind}/${workload.metadata.name}`;
      expect({ where, ...pod.spec.securityContext }).toMatchObject({
        where,
        runAsNonRoot: true,
        seccompProfile: { type: 'RuntimeDefault' },
      });
      expect({ where, automount: pod.spec.automountServiceAccountToken }).toEqual({
        where,
        automount: false,
      });
    }
  });

  it('harden every container: read-only root fs, no escalation, ALL capabilities dropped, writable /tmp', () => {
    for (const { workload, pod } of podsOf(objects))
      for (const container of pod.spec.containers) {
        const where = `${workload.kind}/${workload.metadata.name}/${container.name}`;
        expect({ where, ...container.securityContext }).toMatchObject({
          where,
          runAsNonRoot: true,
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          privileged: false,
          capabilities: { drop: ['ALL'] },
          seccompProfile: { type: 'RuntimeDefault' },
        });
        expect(container.securityContext?.capabilities?.add).toBeUndefined();
        const tmp = container.volumeMounts?.find((m) => m.mountPath === '/tmp');
        const volume = pod.spec.volumes?.find((v) => v.name === tmp?.name);
        expect({ where, emptyDir: volume?.emptyDir !== undefined }).toEqual({
          where,
          emptyDir: true,
        });
        expect(container.resources?.requests?.['memory']).toBeDefined();
        expect(container.resources?.limits?.['memory']).toBeDefined();
      }
  });

  it('probe every long-running app: startup and liveness on /healthz, readiness on /readyz', () => {
    expect(deployments().map((d) => d.metadata.labels?.['app.kubernetes.io/component'])).toEqual(
      expect.arrayContaining(['ingest', 'speed', 'serving', 'reconciliation', 'batch-archive']),
    );
    for (const deployment of deployments()) {
      const [container] = specOf<{ template: PodTemplate }>(deployment).template.spec.containers;
      const where = deployment.metadata.name;
      expect({
        where,
        probes: [container?.startupProbe, container?.livenessProbe, container?.readinessProbe],
      }).toEqual({
        where,
        probes: [
          expect.objectContaining({ httpGet: { path: '/healthz', port: 'http' } }),
          expect.objectContaining({ httpGet: { path: '/healthz', port: 'http' } }),
          expect.objectContaining({ httpGet: { path: '/readyz', port: 'http' } }),
        ],
      });
    }
  });

  it('listen on one named container port set through HTTP_HOST and HTTP_PORT', () => {
    for (const { pod } of podsOf(objects).filter(({ workload }) => workload.kind !== 'Pod')) {
      const [container] = pod.spec.containers;
      const [port] = containerPorts(container!);
      expect(port).toEqual({ name: 'http', containerPort: 8080, protocol: 'TCP' });
      expect(envOf(container!)).toMatchObject({ HTTP_HOST: '0.0.0.0', HTTP_PORT: '8080' });
    }
  });

  it('expose each Deployment through a Service selecting exactly its pods', () => {
    const services = objects.filter((o) => o.kind === 'Service');
    expect(services.length).toBe(deployments().length);
    for (const service of services) {
      const { selector, ports } = specOf<{
        selector: Record<string, string>;
        ports: { targetPort: string }[];
      }>(service);
      expect(Object.keys(selector).sort()).toEqual(SELECTOR_KEYS);
      const matched = podsOf(objects).filter(({ pod }) => selects(selector, pod.metadata.labels));
      expect(matched.map(({ workload }) => workload.kind)).toEqual(['Deployment']);
      expect(ports.map((p) => p.targetPort)).toEqual(['http']);
    }
  });

  it('point every PodDisruptionBudget and NetworkPolicy at exactly one workload', () => {
    for (const policy of objects.filter((o) =>
      ['PodDisruptionBudget', 'NetworkPolicy'].includes(o.kind),
    )) {
      const spec = specOf<{ selector?: Selector; podSelector?: Selector }>(policy);
      const selector = (spec.selector ?? spec.podSelector)!.matchLabels;
      const matched = podsOf(objects).filter(({ pod }) => selects(selector, pod.metadata.labels));
      expect({ policy: policy.metadata.name, matched: matched.length }).toEqual({
        policy: policy.metadata.name,
        matched: 1,
      });
    }
  });

  it('autoscale only rendered Deployments, speed within the topic partition count', () => {
    for (const hpa of objects.filter((o) => o.kind === 'HorizontalPodAutoscaler')) {
      const spec = specOf<{
        scaleTargetRef: { kind: string; name: string };
        maxReplicas: number;
        minReplicas: number;
      }>(hpa);
      const target = deployments().find((d) => d.metadata.name === spec.scaleTargetRef.name);
      expect(target).toBeDefined();
      expect(specOf<{ replicas?: number }>(target!).replicas).toBeUndefined();
      expect(spec.minReplicas).toBeLessThanOrEqual(spec.maxReplicas);
      if (hpa.metadata.labels?.['app.kubernetes.io/component'] === 'speed') {
        const [container] = specOf<{ template: PodTemplate }>(target!).template.spec.containers;
        expect(spec.maxReplicas).toBeLessThanOrEqual(
          Number(envOf(container!)['KAFKA_TOPIC_PARTITIONS']),
        );
      }
    }
  });

  it('run batch archive and serve as Deployments, recompute as a CronJob and migrate as a pre-install/pre-upgrade hook', () => {
    const argsOf = (kind: string, component: string) =>
      podsOf(objects)
        .filter(
          ({ workload }) =>
            workload.kind === kind &&
            workload.metadata.labels?.['app.kubernetes.io/component'] === component,
        )
        .map(({ pod }) => pod.spec.containers[0]?.args);
    expect(argsOf('Deployment', 'batch-archive')).toEqual([['archive']]);
    expect(argsOf('CronJob', 'batch-recompute')).toEqual([['recompute']]);
    expect(argsOf('Deployment', 'batch-serve')).toEqual(
      objects.some((o) => o.metadata.name.endsWith('batch-serve')) ? [['serve']] : [],
    );
    const migrate = objects.filter((o) => o.kind === 'Job');
    for (const job of migrate) {
      expect(job.metadata.annotations?.['helm.sh/hook']).toBe('pre-install,pre-upgrade');
      expect(podTemplateOf(job).spec.containers[0]?.args).toEqual(['migrate']);
      expect(podTemplateOf(job).spec.restartPolicy).toBe('Never');
    }
  });

  it('give every workload a ServiceAccount that exists before it runs', () => {
    const accounts = new Map(
      objects.filter((o) => o.kind === 'ServiceAccount').map((sa) => [sa.metadata.name, sa]),
    );
    for (const { workload, pod } of podsOf(objects).filter(
      ({ workload }) => workload.kind !== 'Pod',
    )) {
      const name = pod.spec.serviceAccountName!;
      if (name === 'default') continue;
      const account = accounts.get(name);
      expect({ workload: workload.metadata.name, account: account?.metadata.name }).toEqual({
        workload: workload.metadata.name,
        account: name,
      });
      // A hook's ServiceAccount must itself be an earlier hook: release objects do not exist yet.
      if (workload.metadata.annotations?.['helm.sh/hook'])
        expect(Number(account!.metadata.annotations?.['helm.sh/hook-weight'])).toBeLessThan(
          Number(workload.metadata.annotations['helm.sh/hook-weight']),
        );
    }
  });

  it('take passwords only from Secrets, never inline env values', () => {
    for (const { pod } of podsOf(objects))
      for (const entry of pod.spec.containers.flatMap((c) => c.env ?? []))
        if (/PASSWORD/.test(entry.name)) {
          expect(entry.value).toBeUndefined();
          expect(entry.valueFrom?.secretKeyRef?.name).toBeTruthy();
        }
  });
});
