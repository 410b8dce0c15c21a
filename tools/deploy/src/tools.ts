import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './repo.js';

/** What tools/deploy/install-tools.sh installed, as it records in .tools/deploy-tools.json. */
export interface DeployTools {
  helm: string;
  helmVersion: string;
  promtool: string;
  prometheus: string;
  kubernetesVersion: string;
  kubernetesSwagger: string;
  prometheusOperatorVersion: string;
  prometheusOperatorCrds: string;
}

const manifest = path.join(repoRoot, '.tools', 'deploy-tools.json');

let cached: DeployTools | undefined;

/** Fails with the command to run when the tools are missing, instead of a cryptic ENOENT. */
export function deployTools(): DeployTools {
  if (cached) return cached;
  if (!existsSync(manifest))
    throw new Error(`${manifest} not found: run tools/deploy/install-tools.sh first`);
  const tools = JSON.parse(readFileSync(manifest, 'utf8')) as DeployTools;
  for (const [name, file] of Object.entries(tools))
    if (path.isAbsolute(file) && !existsSync(file))
      throw new Error(`${name} (${file}) is missing: run tools/deploy/install-tools.sh`);
  cached = tools;
  return tools;
}
