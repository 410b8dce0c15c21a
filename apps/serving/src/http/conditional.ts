import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { exactJson, type ExactJson } from './exact-json.js';
import { isoInstant } from './iso-instant.js';

/**
 * An answer rendered once, to be sent many times: its JSON text up to where the speed watermark
 * goes, its validator and how long it may be reused unasked.
 */
export interface RenderedAnswer {
  /** The answer's JSON bytes without the closing brace, ending in `,"speedWatermark":`. */
  readonly head: Buffer;
  /** Weak validator over everything but the speed watermark. */
  readonly etag: string;
  readonly cacheControl: string;
}

const digest = (text: string) => createHash('sha1').update(text).digest('base64url');

/**
 * The speed watermark moves every second without changing a number, so the validator covers
 * everything else: a client that holds the same numbers should hear 304, not receive them again.
 */
export function renderAnswer(
  answer: { readonly [name: string]: ExactJson },
  maxAgeS: number,
): RenderedAnswer {
  const numbers = exactJson(answer);
  return {
    head: Buffer.from(`${numbers.slice(0, -1)},"speedWatermark":`),
    etag: `W/"${digest(numbers)}"`,
    // private: answers need an API key, so shared caches must not hand them to other callers.
    cacheControl: `private, max-age=${maxAgeS}`,
  };
}

/** The full JSON body: the rendered answer with the speed watermark appended. */
export function answerBody({ head }: RenderedAnswer, speedWatermarkMs: number | null): Buffer {
  const tail = speedWatermarkMs === null ? 'null}' : `"${isoInstant(speedWatermarkMs)}"}`;
  return Buffer.concat([head, Buffer.from(tail)]);
}

const opaque = (tag: string) => tag.trim().replace(/^W\//, '');

/** If-None-Match uses the weak comparison (RFC 9110 §13.1.2). */
export function isNotModified(req: Request, etag: string): boolean {
  const header = req.headers['if-none-match'];
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => opaque(tag) === opaque(etag));
}

/**
 * Sends an answer with its validator, or 304 when the client already holds it. Written on the
 * node response directly: express's `send` would re-derive type, length and freshness of bytes
 * that are already final, on every request.
 */
export function sendAnswer(
  req: Request,
  res: Response,
  answer: RenderedAnswer,
  speedWatermarkMs: number | null,
): void {
  res.setHeader('ETag', answer.etag);
  res.setHeader('Cache-Control', answer.cacheControl);
  if (isNotModified(req, answer.etag)) {
    res.statusCode = 304;
    res.end();
    return;
  }
  const body = answerBody(answer, speedWatermarkMs);
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', body.length);
  res.end(body);
}
