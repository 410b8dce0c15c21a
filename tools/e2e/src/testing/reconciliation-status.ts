import { DEV_KEY } from './send-traffic.js';

interface RunSummary {
  startedAt: string;
  severity: 'ok' | 'warning' | 'critical' | null;
  windowsCompared: number;
  measures: { measure: string; total: number; explained: number; unexplained: number }[];
}

export interface ReconciledView {
  view: string;
  version: number;
  lastSucceededRun: RunSummary | null;
}

/** Every view version's latest reconciliation, from `GET /v1/reconciliation/status`. */
export async function reconciliationViews(url: string): Promise<ReconciledView[]> {
  const res = await fetch(`${url}/v1/reconciliation/status`, {
    headers: { authorization: `Bearer ${DEV_KEY}` },
  });
  if (res.status !== 200)
    throw new Error(`reconciliation status: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { views: ReconciledView[] }).views;
}
