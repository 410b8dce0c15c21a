import type { KubeObject } from './helm.js';

/** Typed views of the rendered objects the workload checks read. */
export interface Probe {
  httpGet?: { path: string; port: string | number };
}
export interface Container {
  name: string;
  image: string;
  args?: string[];
  command?: string[];
  ports?: { name?: string; containerPort: number }[];
  env?: {
    name: string;
    value?: string;
    valueFrom?: { secretKeyRef?: { name: string; key: string } };
  }[];
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  startupProbe?: Probe;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: {
    runAsNonRoot?: boolean;
    allowPrivilegeEscalation?: boolean;
    readOnlyRootFilesystem?: boolean;
    privileged?: boolean;
    capabilities?: { drop?: string[]; add?: string[] };
    seccompProfile?: { type: string };
  };
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean }[];
}
export interface PodSpec {
  serviceAccountName?: string;
  automountServiceAccountToken?: boolean;
  securityContext?: { runAsNonRoot?: boolean; seccompProfile?: { type: string } };
  containers: Container[];
  volumes?: { name: string; emptyDir?: object; secret?: { secretName: string } }[];
  restartPolicy?: string;
}
export interface PodTemplate {
  metadata: { labels: Record<string, string>; annotations?: Record<string, string> };
  spec: PodSpec;
}

/** Workloads that run pods: Deployments, CronJobs, Jobs and the test Pod. */
export const WORKLOAD_KINDS = ['Deployment', 'CronJob', 'Job', 'Pod'] as const;

export const isWorkload = (object: KubeObject) =>
  (WORKLOAD_KINDS as readonly string[]).includes(object.kind);

/** The pod template of a workload (the Pod itself for a bare Pod). */
export function podTemplateOf(object: KubeObject): PodTemplate {
  const spec = object['spec'] as Record<string, unknown>;
  switch (object.kind) {
    case 'Deployment':
    case 'Job':
      return spec['template'] as PodTemplate;
    case 'CronJob':
      return (spec['jobTemplate'] as { spec: { template: PodTemplate } }).spec.template;
    case 'Pod':
      return {
        metadata: object.metadata as PodTemplate['metadata'],
        spec: spec as unknown as PodSpec,
      };
    default:
      throw new Error(`${object.kind} has no pod template`);
  }
}

export const specOf = <T>(object: KubeObject) => object['spec'] as T;

export const named = (objects: KubeObject[], kind: string, name: string) => {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`no ${kind}/${name} rendered`);
  return found;
};

/** Whether a matchLabels selector selects a set of labels. */
export const selects = (selector: Record<string, string>, labels: Record<string, string> = {}) =>
  Object.entries(selector).every(([key, value]) => labels[key] === value);
