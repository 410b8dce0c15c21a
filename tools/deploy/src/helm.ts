import { spawnSync } from 'node:child_process';
import { parseAllDocuments } from './third-party.js';
import { chartDir, repoRoot } from './repo.js';
import { deployTools } from './tools.js';

/** The parts of a Kubernetes object every check reads; the rest stays untyped. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  [field: string]: unknown;
}

export interface RenderOptions {
  /** Values files (absolute or relative to the repo root), applied in order. */
  valuesFiles?: string[];
  /** `--set` pairs, applied after the files. */
  set?: Record<string, string | number | boolean>;
  release?: string;
  namespace?: string;
}

export interface HelmResult {
  status: number | null;
  stdout: string;
  /** stderr without helm's notices about the chart's symlinks into deploy/. */
  stderr: string;
}

/** Runs the project's helm (from install-tools.sh) in the repo root. */
export function helm(args: string[]): HelmResult {
  const result = spawnSync(deployTools().helm, args, {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 60_000,
    env: {
      ...process.env,
      HELM_CACHE_HOME: '/tmp/lambda-helm-cache',
      HELM_CONFIG_HOME: '/tmp/lambda-helm-config',
    },
  });
  if (result.error) throw result.error;
  const stderr = result.stderr
    .split('\n')
    .filter((line) => !line.includes('found symbolic link in path'))
    .join('\n')
    .trim();
  return { status: result.status, stdout: result.stdout, stderr };
}

export function templateArgs({
  valuesFiles = [],
  set = {},
  release = 'lambda',
  namespace = 'lambda',
}: RenderOptions = {}): string[] {
  return [
    'template',
    release,
    chartDir,
    '--namespace',
    namespace,
    // Render for the Kubernetes version the objects are validated against.
    '--kube-version',
    deployTools().kubernetesVersion,
    ...valuesFiles.flatMap((file) => ['--values', file]),
    ...Object.entries(set).flatMap(([key, value]) => ['--set', `${key}=${value}`]),
  ];
}

export class RenderError extends Error {
  constructor(readonly stderr: string) {
    super(`helm template failed: ${stderr}`);
    this.name = 'RenderError';
  }
}

const sources = new WeakMap<KubeObject, string>();

/** The template file an object came from (helm's `# Source:` comment). */
export const sourceOf = (object: KubeObject): string => sources.get(object) ?? 'unknown';

/** Renders the chart and parses every document the way Kubernetes does (YAML 1.1). */
export function renderChart(options: RenderOptions = {}): KubeObject[] {
  const result = helm(templateArgs(options));
  if (result.status !== 0) throw new RenderError(result.stderr);
  return parseManifests(result.stdout);
}

export function parseManifests(text: string): KubeObject[] {
  const objects: KubeObject[] = [];
  for (const doc of parseAllDocuments(text, { version: '1.1' })) {
    if (doc.errors.length > 0) throw new Error(`invalid YAML rendered: ${doc.errors[0]?.message}`);
    const object = doc.toJS() as KubeObject | null;
    if (object === null) continue;
    // helm's "# Source:" line lands on the document or on its first node, depending on layout.
    const comments = `${doc.commentBefore ?? ''}\n${doc.contents?.commentBefore ?? ''}`;
    const source = /Source: (\S+)/.exec(comments)?.[1];
    if (source) sources.set(object, source);
    objects.push(object);
  }
  return objects;
}
