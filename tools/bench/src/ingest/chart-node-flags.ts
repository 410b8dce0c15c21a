import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const valuesFile = path.resolve(__dirname, '..', '..', '..', '..', 'helm', 'lambda', 'values.yaml');

/** The Node flags the chart starts an app's container with (`<app>.nodeFlags`), so the bench runs what ships. */
export function chartNodeFlags(app: string): string[] {
  const values = parse(readFileSync(valuesFile, 'utf8')) as Record<
    string,
    { nodeFlags?: string[] }
  >;
  return values[app]?.nodeFlags ?? [];
}
