/** Where the next page of runs starts: strictly before this run, newest first. */
export interface RunCursor {
  startedAtMs: number;
  runId: string;
}

export const encodeCursor = ({ startedAtMs, runId }: RunCursor) =>
  Buffer.from(JSON.stringify([startedAtMs, runId])).toString('base64url');

/** Undefined for anything `encodeCursor` did not make. */
export function decodeCursor(text: string): RunCursor | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 2) return undefined;
    const [startedAtMs, runId] = value as unknown[];
    return Number.isSafeInteger(startedAtMs) && typeof runId === 'string' && runId.length > 0
      ? { startedAtMs: startedAtMs as number, runId }
      : undefined;
  } catch {
    return undefined;
  }
}
