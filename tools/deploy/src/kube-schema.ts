import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { KubeObject } from './helm.js';
import { Ajv, parse } from './third-party.js';
import { deployTools } from './tools.js';

/**
 * Validates objects offline against the Kubernetes OpenAPI spec (api/openapi-spec/swagger.json of
 * the k8s.io/kubernetes module) and the prometheus-operator CRDs, both fetched by install-tools.sh
 * through the Go module proxy. Like kubeconform's strict mode, unknown fields are errors: the
 * spec's object schemas get `additionalProperties: false` unless they preserve unknown fields.
 */
export interface KubeValidator {
  readonly kubernetesVersion: string;
  /** Problems with one object, empty when it is valid. */
  validate(object: KubeObject): string[];
}

type Schema = { [keyword: string]: unknown };
interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';
const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';
const gvkKey = (apiVersion: string, kind: string) => `${apiVersion}/${kind}`;
const apiVersionOf = ({ group, version }: GroupVersionKind) =>
  group === '' ? version : `${group}/${version}`;

const isJsRegExp = (pattern: string) => {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
};

/** swagger 2 / structural-schema quirks → JSON schema the validator understands, strictly. */
function normalise(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(normalise);
  if (node === null || typeof node !== 'object') return node;
  const schema = Object.fromEntries(
    Object.entries(node as Schema).map(([key, value]) => [
      key,
      // Property maps are names, not schemas: normalise each value, not the map itself.
      key === 'properties' || key === 'definitions'
        ? Object.fromEntries(
            Object.entries(value as Schema).map(([name, sub]) => [name, normalise(sub)]),
          )
        : normalise(value),
    ]),
  ) as Schema;
  if (schema['format'] === 'int-or-string' || schema['x-kubernetes-int-or-string'] === true) {
    return {
      description: schema['description'],
      anyOf: [{ type: 'string' }, { type: 'integer' }],
    };
  }
  // Go's RE2 syntax (e.g. an inline "(?i)") is not always valid in JavaScript: such a pattern
  // is left to the API server rather than failing the whole schema.
  if (typeof schema['pattern'] === 'string' && !isJsRegExp(schema['pattern']))
    delete schema['pattern'];
  const preserves = schema['x-kubernetes-preserve-unknown-fields'] === true;
  if (schema['properties'] && schema['additionalProperties'] === undefined && !preserves)
    schema['additionalProperties'] = false;
  return schema;
}

function loadKubernetes(swaggerFile: string) {
  const swagger = JSON.parse(readFileSync(swaggerFile, 'utf8')) as {
    definitions: Record<string, Schema>;
  };
  const definitions = normalise(swagger.definitions) as Record<string, Schema>;
  // A quantity is written as a string ("250m") or a number (2) in manifests.
  definitions[QUANTITY] = { anyOf: [{ type: 'string' }, { type: 'number' }] };
  const kinds = new Map<string, string>();
  for (const [name, definition] of Object.entries(swagger.definitions)) {
    const gvks = definition['x-kubernetes-group-version-kind'] as GroupVersionKind[] | undefined;
    // Only top-level kinds with their own apiVersion/kind fields (not List/WatchEvent wrappers).
    if (!gvks || !(definition['properties'] as Schema | undefined)?.['kind']) continue;
    for (const gvk of gvks) kinds.set(gvkKey(apiVersionOf(gvk), gvk.kind), name);
  }
  return { definitions, kinds };
}

interface CustomResourceDefinition {
  kind: string;
  spec: {
    group: string;
    names: { kind: string };
    versions: { name: string; served: boolean; schema: { openAPIV3Schema: Schema } }[];
  };
}

function loadCrds(dir: string, definitions: Record<string, Schema>, kinds: Map<string, string>) {
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml'))) {
    const crd = parse(readFileSync(path.join(dir, file), 'utf8')) as CustomResourceDefinition;
    if (crd.kind !== 'CustomResourceDefinition') continue;
    for (const version of crd.spec.versions.filter((v) => v.served)) {
      const name = `crd.${crd.spec.group}.${version.name}.${crd.spec.names.kind}`;
      const schema = normalise(version.schema.openAPIV3Schema) as Schema;
      // The API server validates metadata of custom resources like any other object's.
      (schema['properties'] as Schema)['metadata'] = { $ref: `#/definitions/${OBJECT_META}` };
      definitions[name] = schema;
      kinds.set(gvkKey(`${crd.spec.group}/${version.name}`, crd.spec.names.kind), name);
    }
  }
}

export function createKubeValidator(): KubeValidator {
  const tools = deployTools();
  const { definitions, kinds } = loadKubernetes(tools.kubernetesSwagger);
  loadCrds(tools.prometheusOperatorCrds, definitions, kinds);
  const ajv = new Ajv({
    allErrors: true,
    jsonPointers: true,
    nullable: true,
    unknownFormats: 'ignore',
    // Formats without a check here (double, date-time variants) would otherwise log per use.
    logger: false,
    schemaId: 'auto',
    missingRefs: true,
  });
  // OpenAPI's numeric formats, checked the way the API server decodes them.
  const int = (bits: number) => (n: number) =>
    Number.isInteger(n) && n >= -(2 ** (bits - 1)) && n < 2 ** (bits - 1);
  ajv.addFormat('int32', { type: 'number', validate: int(32) });
  ajv.addFormat('int64', { type: 'number', validate: int(64) });
  ajv.addFormat('byte', /^[A-Za-z0-9+/]*={0,2}$/);
  ajv.addSchema({ $id: 'kubernetes', definitions }, 'kubernetes');
  const compiled = new Map<string, Ajv.ValidateFunction>();
  return {
    kubernetesVersion: tools.kubernetesVersion,
    validate(object) {
      const where = `${object.kind}/${object.metadata?.name}`;
      const definition = kinds.get(gvkKey(object.apiVersion, object.kind));
      if (!definition)
        return [
          `${where}: no schema for apiVersion ${object.apiVersion} kind ${object.kind} in Kubernetes ${tools.kubernetesVersion} or the known CRDs`,
        ];
      let validateFn = compiled.get(definition);
      if (!validateFn) {
        validateFn = ajv.compile({ $ref: `kubernetes#/definitions/${definition}` });
        compiled.set(definition, validateFn);
      }
      if (validateFn(object)) return [];
      return (validateFn.errors ?? []).map((error) => {
        const extra =
          error.keyword === 'additionalProperties'
            ? ` (${(error.params as { additionalProperty: string }).additionalProperty})`
            : '';
        return `${where}: ${error.dataPath || '/'} ${error.message}${extra}`;
      });
    },
  };
}
