import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isMap, isPair, isScalar, parseDocument, type Pair } from './third-party.js';
import { chartDir } from './repo.js';

/** One documented value of the chart: `# -- description` right above its key in values.yaml. */
export interface ValueDoc {
  key: string;
  defaultValue: string;
  description: string;
}

export interface ValuesDocs {
  values: ValueDoc[];
  /** Keys that hold a value but no `# --` comment. */
  undocumented: string[];
}

const docComment = (comment: string | null | undefined) => {
  const lines = (comment ?? '').split('\n');
  const start = lines.findIndex((line) => line.trimStart().startsWith('--'));
  if (start < 0) return undefined;
  return lines
    .slice(start)
    .map((line, i) => (i === 0 ? line.trimStart().slice(2) : line).trim())
    .join(' ')
    .trim();
};

/**
 * Reads the `# --` comments of values.yaml (the helm-docs convention). A mapping without such a
 * comment is a section and is documented key by key; anything else must carry one.
 */
export function readValuesDocs(text: string): ValuesDocs {
  const doc = parseDocument(text);
  // Resolved values (aliases such as *httpProbes expanded) for the Default column.
  const resolved = doc.toJS() as Record<string, unknown>;
  const valueAt = (key: string) =>
    key
      .split('.')
      .reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], resolved);
  const values: ValueDoc[] = [];
  const undocumented: string[] = [];
  const walk = (pairs: Pair[], prefix: string, firstComment?: string | null) => {
    pairs.forEach((pair, index) => {
      const key = `${prefix}${String(isScalar(pair.key) ? pair.key.value : pair.key)}`;
      const keyComment = isScalar(pair.key) ? pair.key.commentBefore : undefined;
      // The comment above a map's first key is attached to the map (or document) by the parser.
      const description =
        docComment(keyComment) ?? (index === 0 ? docComment(firstComment) : undefined);
      const value = pair.value;
      if (description === undefined && isMap(value) && value.items.length > 0 && !value.flow) {
        walk(value.items as Pair[], `${key}.`, value.commentBefore);
        return;
      }
      if (description === undefined) {
        undocumented.push(key);
        return;
      }
      values.push({ key, defaultValue: JSON.stringify(valueAt(key) ?? null), description });
    });
  };
  if (isMap(doc.contents)) walk(doc.contents.items.filter(isPair) as Pair[], '', doc.commentBefore);
  return { values, undocumented };
}

/** The README's values table. */
export function valuesTable(docs: ValuesDocs): string {
  const escape = (s: string) => s.replace(/\|/g, '\\|');
  return [
    '| Key | Default | Description |',
    '| --- | --- | --- |',
    ...docs.values.map(
      (v) => `| \`${v.key}\` | \`${escape(v.defaultValue)}\` | ${escape(v.description)} |`,
    ),
  ].join('\n');
}

export const chartValuesDocs = () =>
  readValuesDocs(readFileSync(path.join(chartDir, 'values.yaml'), 'utf8'));

/** README.md with the table between its values-table markers replaced. */
export function withValuesTable(readme: string, table: string): string {
  return readme.replace(
    /(<!-- values-table:start -->)[\s\S]*?(<!-- values-table:end -->)/,
    `$1\n\n${table}\n\n$2`,
  );
}

// `npx tsx tools/deploy/src/values-docs.ts` prints the table; with --write it updates
// helm/lambda/README.md (run prettier on it afterwards).
if (require.main === module) {
  const table = valuesTable(chartValuesDocs());
  if (process.argv.includes('--write')) {
    const readme = path.join(chartDir, 'README.md');
    writeFileSync(readme, withValuesTable(readFileSync(readme, 'utf8'), table));
  } else process.stdout.write(`${table}\n`);
}
