import { PlatformError } from '@lambda/errors';

/**
 * The only way values and names reach ClickHouse SQL. The platform cannot use query
 * parameters (ClickHouse 18.16 lacks them), so every literal is escaped here and every
 * name is validated here, and nowhere else.
 */

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;
const LONE_SURROGATE = /\p{Surrogate}/u;
const NAMED_ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  "'": "\\'",
  '\0': '\\0',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

function invalid(message: string, value: unknown): PlatformError {
  return new PlatformError(message, { code: 'invalid_sql_value', context: { value } });
}

/** A lower-case snake_case name, back-quoted so that names like `key` or `order` stay names. */
export function identifier(name: string): string {
  if (!IDENTIFIER.test(name))
    throw invalid(
      `not a valid SQL identifier: ${JSON.stringify(name)} (expected ${IDENTIFIER})`,
      name,
    );
  return `\`${name}\``;
}

/** A string, safe integer or bigint as a ClickHouse literal. */
export function literal(value: string | number | bigint): string {
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value))
      throw invalid(`only safe integers can be SQL literals, got ${value}`, value);
    return String(value);
  }
  if (LONE_SURROGATE.test(value))
    throw invalid('string literal is not well-formed Unicode (lone surrogate)', value);
  const escaped = value.replace(
    /[\\'\x00-\x1f\x7f]/g,
    (char) => NAMED_ESCAPES[char] ?? hexEscape(char),
  );
  return `'${escaped}'`;
}

function hexEscape(char: string): string {
  return `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`;
}
