import type { z } from 'zod';

export type Env = Record<string, string | undefined>;

/** A config section: a zod object whose keys are env variable names, mapped to a typed value. */
export type ConfigSection = z.ZodType<unknown, Record<string, unknown>>;
export type Sections = Record<string, ConfigSection>;
export type ConfigOf<S extends Sections> = { [K in keyof S]: z.output<S[K]> };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parses every section from the environment at once so a start-up failure lists every bad
 * variable by name in one line, instead of failing on the first.
 */
export function loadConfig<S extends Sections>(sections: S, env: Env = process.env): ConfigOf<S> {
  const blankless = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const problems: string[] = [];
  const config: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(sections)) {
    const result = schema.safeParse(blankless);
    if (result.success) config[name] = result.data;
    else
      for (const issue of result.error.issues) {
        const variable = issue.path.length > 0 ? String(issue.path[0]) : name;
        const value = blankless[variable];
        problems.push(
          `${variable}: ${issue.message}${value === undefined ? ' (not set)' : ` (got "${value}")`}`,
        );
      }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config as ConfigOf<S>;
}
