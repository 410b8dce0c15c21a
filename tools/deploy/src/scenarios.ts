import { readdirSync } from 'node:fs';
import path from 'node:path';
import { renderChart, type KubeObject } from './helm.js';
import { chartDir, productionValuesFile } from './repo.js';

/** A named set of values files the chart is linted, rendered and checked with. */
export interface Scenario {
  name: string;
  valuesFiles: string[];
}

const ciDir = path.join(chartDir, 'ci');

/** The chart defaults, the documented production example, and every ci/*-values.yaml. */
export const scenarios: Scenario[] = [
  { name: 'default values', valuesFiles: [] },
  {
    name: 'production example (deploy/values/production.yaml)',
    valuesFiles: [productionValuesFile],
  },
  ...readdirSync(ciDir)
    .filter((file) => file.endsWith('-values.yaml'))
    .sort()
    .map((file) => ({ name: `ci/${file}`, valuesFiles: [path.join(ciDir, file)] })),
];

const rendered = new Map<string, KubeObject[]>();

/** Renders a scenario once per test file. */
export function renderScenario(scenario: Scenario): KubeObject[] {
  let objects = rendered.get(scenario.name);
  if (!objects) {
    objects = renderChart({ valuesFiles: scenario.valuesFiles });
    rendered.set(scenario.name, objects);
  }
  return objects;
}
