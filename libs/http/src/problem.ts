/**
 * An error that is an HTTP answer: thrown anywhere in a handler, rendered once by the error
 * middleware as an RFC 9457 `application/problem+json` body with a machine-readable `type`.
 */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    /** Stable machine-readable code, e.g. `invalid_range`; the body's `type` is `urn:lambda:problem:<code>`. */
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpProblem';
  }

  toBody() {
    return {
      type: `urn:lambda:problem:${this.code}`,
      title: this.code,
      status: this.status,
      detail: this.message,
      ...this.extra,
    };
  }
}

export const badRequest = (code: string, message: string, extra?: Record<string, unknown>) =>
  new HttpProblem(400, code, message, extra);
export const notFound = (code: string, message: string) => new HttpProblem(404, code, message);
export const serviceUnavailable = (code: string, message: string, retryAfterSeconds: number) =>
  new HttpProblem(503, code, message, {}, { 'Retry-After': String(retryAfterSeconds) });
