import { Writable } from 'node:stream';
import { context, trace } from '@opentelemetry/api';
import {
  createLogger,
  createMetrics,
  extractTraceContext,
  injectTraceHeaders,
  startTracing,
} from './index.js';

const tracing = startTracing({ serviceName: 'telemetry-spec' });
afterAll(() => tracing.shutdown());

function captureLogs() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  return { lines, destination };
}

describe('telemetry', () => {
  it('writes JSON logs carrying the active trace id', () => {
    const { lines, destination } = captureLogs();
    const logger = createLogger({ service: 'spec', destination });
    const span = trace.getTracer('spec').startSpan('work');
    context.with(trace.setSpan(context.active(), span), () => logger.info({ answer: 42 }, 'hello'));
    span.end();
    expect(lines[0]).toMatchObject({
      level: 'info',
      service: 'spec',
      msg: 'hello',
      answer: 42,
      trace_id: span.spanContext().traceId,
    });
  });

  it('records nothing without an exporter, yet gives every span ids to correlate by', () => {
    const span = trace.getTracer('spec').startSpan('unexported');
    expect(span.isRecording()).toBe(false);
    expect(trace.isSpanContextValid(span.spanContext())).toBe(true);
    span.end();
  });

  it('carries a trace across message headers', () => {
    const span = trace.getTracer('spec').startSpan('produce');
    const headers = injectTraceHeaders({}, trace.setSpan(context.active(), span));
    span.end();
    expect(headers['traceparent']).toContain(span.spanContext().traceId);
    const received = extractTraceContext({
      traceparent: Buffer.from(headers['traceparent'] ?? ''),
    });
    expect(trace.getSpanContext(received)?.traceId).toBe(span.spanContext().traceId);
  });

  it('prefixes every metric and includes default Node metrics', async () => {
    const metrics = createMetrics({ prefix: 'lambda_spec_' });
    metrics
      .counter({ name: 'events_total', help: 'events', labelNames: ['outcome'] })
      .inc({ outcome: 'ok' });
    const text = await metrics.registry.metrics();
    expect(text).toContain('lambda_spec_events_total{outcome="ok"} 1');
    expect(text).toContain('lambda_spec_process_resident_memory_bytes');
  });
});
