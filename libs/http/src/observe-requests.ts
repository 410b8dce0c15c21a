import type { RequestHandler } from 'express';
import { SpanStatusCode, context, trace } from '@opentelemetry/api';
import type { Metrics } from '@lambda/telemetry';

/**
 * A span and a duration observation per request, labelled by route pattern (not raw path). The
 * span is active for the whole request, so logs and Kafka headers carry its ids; its name and
 * attributes are only filled in when it is recorded (sampled for export).
 */
export function observeRequests(metrics: Metrics, serviceName: string): RequestHandler {
  const duration = metrics.histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by route, method and status.',
    labelNames: ['route', 'method', 'status'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  });
  const tracer = trace.getTracer(serviceName);
  return (req, res, next) => {
    const startedMs = performance.now();
    const span = tracer.startSpan(req.method);
    res.on('finish', () => {
      const route = req.route?.path ? `${req.baseUrl}${req.route.path}` : 'unmatched';
      const status = res.statusCode;
      duration.observe(
        { route, method: req.method, status: String(status) },
        (performance.now() - startedMs) / 1000,
      );
      if (span.isRecording()) {
        span.updateName(`${req.method} ${route}`);
        span.setAttribute('http.response.status_code', status);
        if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      }
      span.end();
    });
    context.with(trace.setSpan(context.active(), span), next);
  };
}
