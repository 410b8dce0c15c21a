/**
 * `npm run bench`: every layer's benchmark, each beside its bare-client baseline in the same
 * invocation, one after another; then `docs/benchmarks.md` from their results files.
 * `npm run bench -- serving ingest` runs only those; `npm run bench -- --report-only` rewrites the
 * report from the results already in tools/bench/results. Sizes and durations follow each
 * bench's BENCH_* variables.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Machine } from './harness/machine.js';
import { markdownTable } from './harness/markdown-table.js';

const root = path.resolve(__dirname, '..', '..', '..');
const resultsDir = path.join(root, 'tools', 'bench', 'results');
const BENCHES = ['ingest', 'speed', 'batch', 'serving', 'transforms'] as const;

interface BenchResult {
  name: string;
  at: string;
  machine: Machine;
  setup: Record<string, unknown>;
  labels?: Record<string, string>;
  runs: Record<string, number>[];
  medians: Record<string, number>;
}

function runBenchScript(name: string): boolean {
  const script = path.join(root, 'tools', 'bench', 'src', `${name}.bench.ts`);
  if (!existsSync(script)) {
    process.stderr.write(`[bench] ${name}: no benchmark yet (${path.relative(root, script)})\n`);
    return false;
  }
  process.stderr.write(`\n[bench] ${name}: running ${path.relative(root, script)}\n`);
  const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
  const { status } = spawnSync(tsx, [script], { cwd: root, stdio: 'inherit' });
  if (status !== 0) process.stderr.write(`[bench] ${name}: exited with ${status}\n`);
  return status === 0;
}

function readResult(name: string): BenchResult | undefined {
  const file = path.join(resultsDir, `${name}.json`);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as BenchResult) : undefined;
}

function section(result: BenchResult): string {
  const { machine } = result;
  const keys = Object.keys(result.medians);
  const table = markdownTable(
    ['metric', `median of ${result.runs.length} runs`],
    keys.map((key) => [result.labels?.[key] ?? key, result.medians[key] ?? NaN]),
  );
  return [
    `## ${result.name}`,
    '',
    `Measured ${result.at} on ${machine.cpu}, ${machine.cores} cores, ${machine.ramGiB} GiB, ` +
      `Node ${machine.node}, ${machine.os}; load average ${machine.loadAverage.start.toFixed(1)} → ` +
      `${(machine.loadAverage.end ?? NaN).toFixed(1)}. Raw runs: \`tools/bench/results/${result.name}.json\`.`,
    '',
    table,
    '',
    '<details><summary>setup</summary>',
    '',
    '```json',
    JSON.stringify(result.setup, null, 2),
    '```',
    '',
    '</details>',
  ].join('\n');
}

function writeReport(): string {
  const results = BENCHES.map(readResult).filter((r): r is BenchResult => r !== undefined);
  const missing = BENCHES.filter((name) => !results.some((r) => r.name === name));
  const body = [
    '# Benchmarks',
    '',
    'Written by `npm run bench` (tools/bench/src/report.ts) from the results files of each',
    'benchmark. Every number is a median over several runs, next to a bare-client baseline',
    'measured in the same invocation; ratios compare the two. The machine is shared and noisy:',
    'compare numbers of one run side by side, not across machines.',
    '',
    ...(missing.length ? [`Not measured in this report: ${missing.join(', ')}.`, ''] : []),
    ...results.map(section),
    '',
  ].join('\n');
  const file = path.join(root, 'docs', 'benchmarks.md');
  writeFileSync(file, body);
  return file;
}

function main() {
  const args = process.argv.slice(2);
  const reportOnly = args.includes('--report-only');
  const named = args.filter((arg) => !arg.startsWith('--'));
  const unknown = named.filter((name) => !(BENCHES as readonly string[]).includes(name));
  if (unknown.length) {
    process.stderr.write(
      `[bench] unknown benchmark ${unknown.join(', ')}; known: ${BENCHES.join(', ')}\n`,
    );
    process.exit(2);
  }
  const failed = reportOnly
    ? []
    : (named.length ? named : BENCHES).filter((name) => !runBenchScript(name));
  const file = writeReport();
  process.stderr.write(`\n[bench] report: ${path.relative(root, file)}\n`);
  process.exit(failed.length ? 1 : 0);
}

main();
