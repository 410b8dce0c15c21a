import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { tailLines } from './logs.js';

describe('tailLines', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'stack-logs-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('returns the last lines without the trailing empty one', () => {
    const file = path.join(dir, 'short.log');
    writeFileSync(file, 'one\ntwo\nthree\n');
    expect(tailLines(file, 2)).toEqual(['two', 'three']);
  });

  it('reads only the end of a big file and never returns a cut-off line', () => {
    const file = path.join(dir, 'big.log');
    const lines = Array.from({ length: 50_000 }, (_, index) => `line ${index} ${'x'.repeat(20)}`);
    writeFileSync(file, `${lines.join('\n')}\n`);
    expect(tailLines(file, 3)).toEqual(lines.slice(-3));
    expect(tailLines(file, 1_000_000)[0]).toMatch(/^line \d+ x{20}$/);
  });

  it('is empty for a missing file', () => {
    expect(tailLines(path.join(dir, 'missing.log'), 10)).toEqual([]);
  });
});
