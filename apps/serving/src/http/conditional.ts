import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { exactJson, type ExactJson } from './exact-json.js';
import { isoInstant } from './iso-instant.js';

/** A response body with how it may be cached: its validator and how long it may be reused unasked. */
export interface CacheableJson {
  body: string;
  etag: string;
  maxAgeS: number;
}

const digest = (text: string) => createHash('sha1').update(text).digest('base64url');

/**
 * An answer with the speed watermark appended. The (weak) validator covers everything else: the
 * watermark moves every second without changing a number, and a client that holds the same
 * numbers should hear 304, not receive them again.
 */
export function withSpeedWatermark(
  answer: { readonly [name: string]: ExactJson },
  speedWatermarkMs: number | null,
  maxAgeS: number,
): CacheableJson {
  const numbers = exactJson(answer);
  const watermark = speedWatermarkMs === null ? 'null' : `"${isoInstant(speedWatermarkMs)}"`;
  return {
    body: `${numbers.slice(0, -1)},"speedWatermark":${watermark}}`,
    etag: `W/"${digest(numbers)}"`,
    maxAgeS,
  };
}

const opaque = (tag: string) => tag.trim().replace(/^W\//, '');

/** If-None-Match uses the weak comparison (RFC 9110 §13.1.2). */
export function isNotModified(req: Request, etag: string): boolean {
  const header = req.headers['if-none-match'];
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => opaque(tag) === opaque(etag));
}

/** Sends JSON text with its validator, or 304 when the client already holds it. */
export function sendJson(req: Request, res: Response, { body, etag, maxAgeS }: CacheableJson) {
  // private: answers need an API key, so shared caches must not hand them to other callers.
  res.set({ ETag: etag, 'Cache-Control': `private, max-age=${maxAgeS}` });
  if (isNotModified(req, etag)) res.status(304).end();
  else res.type('application/json').send(body);
}
