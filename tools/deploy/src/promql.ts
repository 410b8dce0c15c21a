/**
 * The metric names a PromQL expression reads. Not a full parser: it removes what cannot name a
 * metric (strings, label matchers, ranges, grouping clauses, numbers, function calls, keywords)
 * and returns the identifiers left. Good enough for our rules and dashboards, and checked
 * against real Prometheus in prometheus.int.spec.ts, which runs every expression.
 */
const KEYWORDS = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'bool',
  'and',
  'or',
  'unless',
  'offset',
  'Inf',
  'NaN',
  'inf',
  'nan',
]);

export function metricNames(expr: string): Set<string> {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, ' ')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ')
    .replace(/\boffset\s+\S+/g, ' ')
    .replace(/\$\{?\w+\}?/g, ' ')
    .replace(/(?<![\w:])\d+(?:\.\d+)?(?:[eE][-+]?\d+)?/g, ' ');
  const names = new Set<string>();
  for (const match of stripped.matchAll(/[a-zA-Z_:][a-zA-Z0-9_:]*/g)) {
    const name = match[0];
    const after = stripped.slice((match.index ?? 0) + name.length);
    if (KEYWORDS.has(name) || /^\s*\(/.test(after)) continue;
    names.add(name);
  }
  return names;
}

/** Metric of a Grafana `label_values(metric, label)` variable query (undefined for other forms). */
export function labelValuesMetric(query: string): string | undefined {
  return /label_values\(\s*([a-zA-Z_:][a-zA-Z0-9_:]*)/.exec(query)?.[1];
}
