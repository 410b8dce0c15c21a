import path from 'node:path';

/** Absolute paths of what the deploy checks read. */
export const repoRoot = path.resolve(__dirname, '..', '..', '..');
export const chartDir = path.join(repoRoot, 'helm', 'lambda');
export const deployDir = path.join(repoRoot, 'deploy');
export const rulesFile = path.join(deployDir, 'prometheus', 'rules.yaml');
export const rulesTestFile = path.join(deployDir, 'prometheus', 'rules.test.yaml');
export const dashboardFile = path.join(deployDir, 'grafana', 'lambda-overview.json');
export const contractFile = path.join(deployDir, 'metrics-contract.json');
export const productionValuesFile = path.join(deployDir, 'values', 'production.yaml');
export const operationsDoc = path.join(repoRoot, 'docs', 'operations.md');

export const apps = ['ingest', 'speed', 'batch', 'serving', 'reconciliation'] as const;
export type AppName = (typeof apps)[number];
