import { insertRows, queryRows } from '@lambda/clickhouse';
import { identifier, literal } from '@lambda/schemas';
import type { ResultsDatabase } from '../read/view-keys.js';
import type { Finding } from './compare-view.js';
import type { RunRecord, RunStatus, TriggerKind } from './run-record.js';
import type { Severity } from '../verdict/verdict.js';

const ROWS_PER_INSERT = 10_000;
const runsTable = (database: string) => `${identifier(database)}.reconciliation_runs`;
const findingsTable = (database: string) => `${identifier(database)}.reconciliation_findings`;

/** A run as its row: ClickHouse columns are not Nullable here, so absent reads as '' or 0. */
export function runRow(run: RunRecord) {
  return {
    run_id: run.runId,
    view: run.viewId,
    version: run.version,
    trigger: run.trigger,
    trigger_batch_run_id: run.triggerBatchRunId ?? '',
    status: run.status,
    started_at_ms: run.startedAtMs,
    finished_at_ms: run.finishedAtMs,
    batch_run_id: run.batchRunId ?? '',
    batch_watermark_ms: run.batchWatermarkMs ?? 0,
    window_from_ms: run.range?.fromMs ?? 0,
    window_to_ms: run.range?.toMs ?? 0,
    windows_compared: run.windowsCompared,
    measure_names: run.measures.map((m) => m.measure),
    total_ratio: run.measures.map((m) => m.total),
    explained_ratio: run.measures.map((m) => m.explained),
    unexplained_ratio: run.measures.map((m) => m.unexplained),
    diverging_windows: run.measures.map((m) => m.divergingWindows),
    unexplained_windows: run.measures.map((m) => m.unexplainedWindows),
    severity: run.severity ?? '',
    repairs_requested: run.repairsRequested,
    pin_action: run.pinAction ?? '',
    findings_total: run.findingsTotal,
    findings_stored: run.findingsStored,
    error: run.error ?? '',
  };
}

type StoredRun = Record<keyof ReturnType<typeof runRow>, unknown>;
const text = (value: unknown) => (value === '' ? null : String(value));
const numbers = (value: unknown) => (value as (string | number)[]).map(Number);

export function decodeRunRow(row: StoredRun): RunRecord {
  const names = row.measure_names as string[];
  const [total, explained, unexplained, diverging, unexplainedWindows] = [
    row.total_ratio,
    row.explained_ratio,
    row.unexplained_ratio,
    row.diverging_windows,
    row.unexplained_windows,
  ].map(numbers) as [number[], number[], number[], number[], number[]];
  const batchRunId = text(row.batch_run_id);
  const fromMs = Number(row.window_from_ms);
  const toMs = Number(row.window_to_ms);
  return {
    runId: String(row.run_id),
    viewId: String(row.view),
    version: Number(row.version),
    trigger: row.trigger as TriggerKind,
    triggerBatchRunId: text(row.trigger_batch_run_id),
    status: row.status as RunStatus,
    startedAtMs: Number(row.started_at_ms),
    finishedAtMs: Number(row.finished_at_ms),
    batchRunId,
    batchWatermarkMs: batchRunId === null ? null : Number(row.batch_watermark_ms),
    range: fromMs < toMs ? { fromMs, toMs } : null,
    windowsCompared: Number(row.windows_compared),
    measures: names.map((measure, i) => ({
      measure,
      total: total[i] ?? 0,
      explained: explained[i] ?? 0,
      unexplained: unexplained[i] ?? 0,
      divergingWindows: diverging[i] ?? 0,
      unexplainedWindows: unexplainedWindows[i] ?? 0,
    })),
    severity: text(row.severity) as Severity | null,
    repairsRequested: Number(row.repairs_requested),
    pinAction: text(row.pin_action) as RunRecord['pinAction'],
    findingsTotal: Number(row.findings_total),
    findingsStored: Number(row.findings_stored),
    error: text(row.error),
  };
}

const nullableInt = (value: bigint | null) => (value === null ? null : value.toString());

export async function insertFindings(
  { client, database }: ResultsDatabase,
  run: Pick<RunRecord, 'runId' | 'startedAtMs' | 'viewId' | 'version'>,
  findings: readonly Finding[],
): Promise<void> {
  const rows = findings.map((f) => ({
    run_id: run.runId,
    run_started_at_ms: run.startedAtMs,
    view: run.viewId,
    version: run.version,
    key: f.key,
    window_start_ms: f.windowStartMs,
    measure: f.measure,
    kind: f.kind,
    speed_value: nullableInt(f.speed),
    batch_value: nullableInt(f.batch),
    expected_value: nullableInt(f.expected),
    late_events: f.lateEvents,
    divergence: f.divergence.toString(),
    explained: f.explained.toString(),
    unexplained: f.unexplained.toString(),
  }));
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT)
    await insertRows(client, findingsTable(database), rows.slice(i, i + ROWS_PER_INSERT));
}

export async function insertRun({ client, database }: ResultsDatabase, run: RunRecord) {
  await insertRows(client, runsTable(database), [runRow(run)]);
}

export interface RunsQuery {
  limit: number;
  /** Runs strictly older than this one, in (started_at_ms, run_id) order. */
  before?: { startedAtMs: number; runId: string };
  viewId?: string;
  version?: number;
}

/** Newest first. */
export async function listRuns(
  { client, database }: ResultsDatabase,
  { limit, before, viewId, version }: RunsQuery,
): Promise<RunRecord[]> {
  const conditions = [
    ...(viewId === undefined ? [] : [`${identifier('view')} = ${literal(viewId)}`]),
    ...(version === undefined ? [] : [`version = ${literal(version)}`]),
    ...(before === undefined
      ? []
      : [`(started_at_ms, run_id) < (${literal(before.startedAtMs)}, ${literal(before.runId)})`]),
  ];
  const rows = await queryRows<StoredRun>(
    client,
    `SELECT * FROM ${runsTable(database)}
     ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''}
     ORDER BY started_at_ms DESC, run_id DESC LIMIT ${literal(limit)}`,
  );
  return rows.map(decodeRunRow);
}

/** The latest run of each view version, optionally only among runs of one status. */
export async function latestRuns(
  { client, database }: ResultsDatabase,
  status?: RunStatus,
): Promise<RunRecord[]> {
  const only = status === undefined ? '' : `WHERE status = ${literal(status)}`;
  const rows = await queryRows<StoredRun>(
    client,
    `SELECT * FROM ${runsTable(database)}
     WHERE (${identifier('view')}, version, started_at_ms) IN (
       SELECT ${identifier('view')}, version, max(started_at_ms) FROM ${runsTable(database)} ${only}
       GROUP BY ${identifier('view')}, version)
     ${status === undefined ? '' : `AND status = ${literal(status)}`}`,
  );
  return rows.map(decodeRunRow);
}

/** When the last run that did not fail finished (what the staleness alert watches). */
export async function lastCompletedAtMs({ client, database }: ResultsDatabase) {
  const [row] = await queryRows<{ at: string; runs: string }>(
    client,
    `SELECT max(finished_at_ms) AS at, count() AS runs FROM ${runsTable(database)} WHERE status != 'failed'`,
  );
  return row && Number(row.runs) > 0 ? Number(row.at) : null;
}

/** A stored finding, as the runs API shows it. */
export interface StoredFinding {
  runId: string;
  key: string;
  windowStartMs: number;
  measure: string;
  kind: string;
  speed: bigint | null;
  batch: bigint | null;
  expected: bigint | null;
  lateEvents: number;
  divergence: bigint;
  explained: bigint;
  unexplained: bigint;
}

const bigintOrNull = (value: unknown) => (value === null ? null : BigInt(String(value)));

/**
 * Up to `windowsPerRun` affected windows of each run, unexplained ones first, with every diverging
 * measure of those windows, and how many windows each run affected in all.
 */
export async function affectedWindows(
  { client, database }: ResultsDatabase,
  runIds: readonly string[],
  windowsPerRun: number,
): Promise<{ findings: StoredFinding[]; windowCounts: Map<string, number> }> {
  if (runIds.length === 0) return { findings: [], windowCounts: new Map() };
  const table = findingsTable(database);
  const runs = `run_id IN (${runIds.map(literal).join(', ')})`;
  const counts = await queryRows<{ run_id: string; windows: string }>(
    client,
    `SELECT run_id, uniqExact(key, window_start_ms) AS windows FROM ${table} WHERE ${runs} GROUP BY run_id`,
  );
  const rows =
    windowsPerRun === 0
      ? []
      : await queryRows<Record<string, unknown>>(
          client,
          `SELECT * FROM ${table}
           WHERE ${runs} AND (run_id, key, window_start_ms) IN (
             SELECT run_id, key, window_start_ms FROM (
               SELECT run_id, key, window_start_ms, max(kind = 'unexplained') AS unexplained
               FROM ${table} WHERE ${runs}
               GROUP BY run_id, key, window_start_ms
               ORDER BY run_id, unexplained DESC, key, window_start_ms
               LIMIT ${literal(windowsPerRun)} BY run_id))
           ORDER BY run_id, key, window_start_ms, measure`,
        );
  return {
    windowCounts: new Map(counts.map((c) => [c.run_id, Number(c.windows)])),
    findings: rows.map((row) => ({
      runId: String(row['run_id']),
      key: String(row['key']),
      windowStartMs: Number(row['window_start_ms']),
      measure: String(row['measure']),
      kind: String(row['kind']),
      speed: bigintOrNull(row['speed_value']),
      batch: bigintOrNull(row['batch_value']),
      expected: bigintOrNull(row['expected_value']),
      lateEvents: Number(row['late_events']),
      divergence: BigInt(String(row['divergence'])),
      explained: BigInt(String(row['explained'])),
      unexplained: BigInt(String(row['unexplained'])),
    })),
  };
}
