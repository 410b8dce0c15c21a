// A static import: the image's package.json lists only what the bundle imports statically.
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import {
  detectResources,
  envDetector,
  hostDetector,
  osDetector,
  processDetector,
  resourceFromAttributes,
} from '@opentelemetry/resources';
import {
  AlwaysOffSampler,
  BatchSpanProcessor,
  NodeTracerProvider,
  type NodeTracerConfig,
} from '@opentelemetry/sdk-trace-node';

export interface TracingOptions {
  serviceName: string;
  /**
   * OTLP/HTTP collector base URL. With it, spans are recorded as OpenTelemetry's own
   * `OTEL_TRACES_SAMPLER` / `OTEL_TRACES_SAMPLER_ARG` say (default `parentbased_always_on`) and
   * exported. Without it, no span is recorded: spans are still made, with ids, so logs carry
   * `trace_id`/`span_id` and Kafka headers a `traceparent`, but nothing pays for attributes,
   * timings and a processor that would throw them away.
   */
  otlpEndpoint?: string;
}

export interface Tracing {
  shutdown(): Promise<void>;
}

function exportingConfig(serviceName: string, otlpEndpoint: string): NodeTracerConfig {
  // Resource detectors as OpenTelemetry's NodeSDK runs them; OTEL_RESOURCE_ATTRIBUTES and
  // OTEL_SERVICE_NAME may override the service name.
  const detected = detectResources({
    detectors: [envDetector, hostDetector, osDetector, processDetector],
  });
  return {
    resource: resourceFromAttributes({ 'service.name': serviceName }).merge(detected),
    spanProcessors: [
      new BatchSpanProcessor(new OTLPTraceExporter({ url: `${otlpEndpoint}/v1/traces` })),
    ],
  };
}

/**
 * Registers the tracer provider, the AsyncLocalStorage context manager and W3C trace-context
 * propagation (set explicitly: Kafka headers rely on it). No instrumentation library patches
 * modules: the HTTP edge makes one span per request itself (libs/http).
 */
export function startTracing({ serviceName, otlpEndpoint }: TracingOptions): Tracing {
  const provider = new NodeTracerProvider(
    otlpEndpoint
      ? exportingConfig(serviceName, otlpEndpoint)
      : { sampler: new AlwaysOffSampler(), spanProcessors: [] },
  );
  provider.register({ propagator: new W3CTraceContextPropagator() });
  return { shutdown: () => provider.shutdown() };
}
