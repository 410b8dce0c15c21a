import { randomBytes } from 'node:crypto';
import type { View } from '@lambda/transforms';

/** Sortable by time and readable in logs: `<view>.v<n>.<utc>.<random>`. */
export function newRunId(view: View, nowMs: number): string {
  const utc = new Date(nowMs).toISOString().replace(/[-:.]/g, '');
  return `recon.${view.id}.v${view.version}.${utc}.${randomBytes(3).toString('hex')}`;
}
