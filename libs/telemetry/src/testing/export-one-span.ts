/**
 * Run as its own process by tracing.spec.ts (the OTLP exporter loads modules dynamically, which
 * jest's module sandbox refuses): starts tracing with the endpoint in argv, ends one span, and
 * prints whether it was recording once the exporter flushed it.
 */
import { trace } from '@opentelemetry/api';
import { startTracing } from '../tracing.js';

const tracing = startTracing({ serviceName: 'tracing-spec', otlpEndpoint: process.argv[2] });
const span = trace.getTracer('spec').startSpan('exported');
const recording = span.isRecording();
span.end();
void tracing.shutdown().then(() => process.stdout.write(JSON.stringify({ recording })));
