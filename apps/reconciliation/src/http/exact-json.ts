import { randomBytes } from 'node:crypto';

// A per-process token no stored text can contain by chance.
const MARK = `bigint-${randomBytes(8).toString('hex')}`;
const MARKED = new RegExp(`"${MARK}(-?\\d+)"`, 'g');

/** JSON in which bigints are written as their exact digits (JSON numbers have no size limit). */
export function exactJson(value: unknown): string {
  return JSON.stringify(value, (_name, v: unknown) =>
    typeof v === 'bigint' ? `${MARK}${v}` : v,
  ).replace(MARKED, '$1');
}
