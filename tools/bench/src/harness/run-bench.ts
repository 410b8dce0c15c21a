import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describeMachine, loadAverageNow } from './machine.js';
import { markdownTable } from './markdown-table.js';
import { median } from './stats.js';

const resultsDir = path.resolve(__dirname, '..', '..', 'results');

export interface BenchOptions<M extends string> {
  /** Names the results file, `tools/bench/results/<name>.json`. */
  name: string;
  /** Repeated runs; the report shows each and their median. Default 3. */
  runs?: number;
  /** Parameters worth recording next to the numbers (durations, concurrency…). */
  setup: Record<string, unknown>;
  /** Row label of each measured value, in display order. */
  metrics: Record<M, string>;
  /** One run: returns a value per metric. */
  run(index: number): Promise<Record<M, number>>;
}

/** Runs a bench N times, writes every run and the medians as JSON, prints a markdown table. */
export async function runBench<M extends string>(options: BenchOptions<M>) {
  const machine = describeMachine();
  const runs: Record<M, number>[] = [];
  for (let index = 0; index < (options.runs ?? 3); index++) {
    runs.push(await options.run(index));
    process.stderr.write(`[bench] ${options.name}: run ${index + 1} done\n`);
  }
  machine.loadAverage.end = loadAverageNow();
  const keys = Object.keys(options.metrics) as M[];
  const medians = Object.fromEntries(keys.map((key) => [key, median(runs.map((run) => run[key]))]));
  mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `${options.name}.json`);
  writeFileSync(
    file,
    `${JSON.stringify({ name: options.name, at: new Date().toISOString(), machine, setup: options.setup, labels: options.metrics, runs, medians }, null, 2)}\n`,
  );
  const table = markdownTable(
    ['metric', ...runs.map((_, i) => `run ${i + 1}`), 'median'],
    keys.map((key) => [options.metrics[key], ...runs.map((run) => run[key]), medians[key] ?? NaN]),
  );
  process.stdout.write(
    `\n## ${options.name}\n\n${machine.cpu}, ${machine.cores} cores, ${machine.ramGiB} GiB, Node ${machine.node}, ` +
      `load ${machine.loadAverage.start.toFixed(1)} → ${machine.loadAverage.end.toFixed(1)}\n` +
      `${machine.note}\n\n${table}\n\nresults: ${path.relative(process.cwd(), file)}\n`,
  );
}
