import { readFileSync } from 'node:fs';
import path from 'node:path';
import { chartDir } from './repo.js';
import { chartValuesDocs, readValuesDocs, valuesTable } from './values-docs.js';

const tableCells = (markdown: string) =>
  markdown
    .trim()
    .split('\n')
    .map((row) =>
      row
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim().replace(/^-+$/, '---'))
        .join('|'),
    );

describe('values documentation', () => {
  it('documents every value of values.yaml with a "# --" comment', () => {
    const docs = chartValuesDocs();
    expect(docs.undocumented).toEqual([]);
    expect(docs.values.length).toBeGreaterThan(100);
  });

  it('keeps the README table in sync (regenerate: npx tsx tools/deploy/src/values-docs.ts --write)', () => {
    const readme = readFileSync(path.join(chartDir, 'README.md'), 'utf8');
    const table = /<!-- values-table:start -->([\s\S]*?)<!-- values-table:end -->/.exec(
      readme,
    )?.[1];
    expect(table).toBeDefined();
    // Prettier pads the columns: compare cell by cell.
    expect(tableCells(table!)).toEqual(tableCells(valuesTable(chartValuesDocs())));
  });

  it('finds undocumented keys and treats undocumented mappings as sections', () => {
    const docs = readValuesDocs(
      ['# -- documented', 'a: 1', 'section:', '  # -- inner', '  b: true', '  c: x', ''].join('\n'),
    );
    expect(docs.values.map((v) => [v.key, v.defaultValue, v.description])).toEqual([
      ['a', '1', 'documented'],
      ['section.b', 'true', 'inner'],
    ]);
    expect(docs.undocumented).toEqual(['section.c']);
  });
});
