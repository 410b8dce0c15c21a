import { badRequest } from '@lambda/http';

const EPOCH_MS = /^\d{1,15}$/;
const ISO_UTC = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?Z$/;

/**
 * An instant given as epoch milliseconds or an ISO-8601 UTC timestamp. Only `Z` is accepted as
 * the zone: a `+01:00` offset arrives as a space unless the client percent-encodes it.
 */
export function parseInstant(parameter: string, text: string): number {
  if (EPOCH_MS.test(text)) return Number(text);
  const ms = isoUtcMs(text);
  if (ms === undefined)
    throw badRequest(
      'invalid_instant',
      `${parameter} ${JSON.stringify(text)} is neither epoch milliseconds nor an ISO-8601 UTC instant such as 2026-01-01T00:00:00Z.`,
      { parameter },
    );
  return ms;
}

function isoUtcMs(text: string): number | undefined {
  const match = ISO_UTC.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match
    .slice(1, 7)
    .map((part) => Number(part ?? 0));
  const millis = Number((match[7] ?? '0').padEnd(3, '0'));
  const ms = Date.UTC(year!, month! - 1, day!, hour!, minute!, second!, millis);
  // Date.UTC silently rolls 2026-02-30 over into March; a round trip catches that.
  const back = new Date(ms);
  const exists =
    back.getUTCFullYear() === year &&
    back.getUTCMonth() === month! - 1 &&
    back.getUTCDate() === day &&
    back.getUTCHours() === hour &&
    back.getUTCMinutes() === minute &&
    back.getUTCSeconds() === second;
  return exists ? ms : undefined;
}
