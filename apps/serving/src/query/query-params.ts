import { badRequest } from '@lambda/http';

/** The query string as single string values; a repeated parameter is refused, not guessed at. */
export function singleValued(query: Readonly<Record<string, unknown>>): Record<string, string> {
  const repeated = Object.keys(query).filter((name) => typeof query[name] !== 'string');
  if (repeated.length > 0)
    throw badRequest('repeated_parameter', `Give ${repeated.join(', ')} once.`);
  return query as Record<string, string>;
}

/** Refuses parameters the request does not take: a misspelt key field would select nothing. */
export function refuseUnknown(
  params: Readonly<Record<string, string>>,
  allowed: readonly string[],
): void {
  const unknown = Object.keys(params).filter((name) => !allowed.includes(name));
  if (unknown.length > 0)
    throw badRequest(
      'unknown_parameter',
      `Unknown query parameter ${unknown.join(', ')}; this request takes ${allowed.join(', ')}.`,
      { allowed },
    );
}
