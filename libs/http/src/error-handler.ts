import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '@lambda/telemetry';
import { HttpProblem } from './problem.js';

/** Errors raised by express's body parsers carry `type` and `status`; turn them into problems. */
function fromBodyParser(error: {
  type?: string;
  status?: number;
  message?: string;
}): HttpProblem | undefined {
  switch (error.type) {
    case 'entity.parse.failed':
      return new HttpProblem(400, 'malformed_json', `The body is not valid JSON: ${error.message}`);
    case 'entity.too.large':
      return new HttpProblem(413, 'body_too_large', 'The body exceeds the size limit.');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new HttpProblem(415, 'unsupported_encoding', error.message ?? 'Unsupported encoding.');
    case 'request.aborted':
      return new HttpProblem(400, 'request_aborted', 'The client aborted the request.');
    default:
      return error.status !== undefined && error.status >= 400 && error.status < 500
        ? new HttpProblem(error.status, 'bad_request', error.message ?? 'Bad request.')
        : undefined;
  }
}

export function problemHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent) return next(error);
    const problem = error instanceof HttpProblem ? error : fromBodyParser(error);
    if (!problem) logger.error({ err: error, path: req.path }, 'unhandled error');
    const answer = problem ?? new HttpProblem(500, 'internal_error', 'Internal error.');
    res
      .status(answer.status)
      .set(answer.headers)
      .type('application/problem+json')
      .json(answer.toBody());
  };
}

export const notFoundHandler: RequestHandler = (req, _res, next) =>
  next(new HttpProblem(404, 'route_not_found', `No route for ${req.method} ${req.path}.`));
