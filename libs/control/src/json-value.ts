/** The JSON document a control message carries, or undefined when it is not JSON. */
export function jsonValue(value: Buffer | null): unknown {
  try {
    return JSON.parse(value?.toString('utf8') ?? '');
  } catch {
    return undefined;
  }
}

export const typeOf = (json: unknown): unknown => (json as { type?: unknown } | null)?.type;

export const describeIssues = (issues: readonly { path: PropertyKey[]; message: string }[]) =>
  issues.map((i) => `${i.path.map(String).join('.')}: ${i.message}`).join('; ');
