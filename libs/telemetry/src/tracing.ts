import { NodeSDK, core, resources, tracing } from '@opentelemetry/sdk-node';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';

export interface TracingOptions {
  serviceName: string;
  /** OTLP/HTTP collector base URL. Without it spans are made (for log correlation) but not exported. */
  otlpEndpoint?: string;
}

export interface Tracing {
  shutdown(): Promise<void>;
}

/** Starts the OpenTelemetry SDK with W3C trace-context propagation (set explicitly: Kafka headers rely on it). */
export function startTracing({ serviceName, otlpEndpoint }: TracingOptions): Tracing {
  const sdk = new NodeSDK({
    resource: resources.resourceFromAttributes({ 'service.name': serviceName }),
    spanProcessors: otlpEndpoint
      ? [
          new tracing.BatchSpanProcessor(
            new OTLPTraceExporter({ url: `${otlpEndpoint}/v1/traces` }),
          ),
        ]
      : // The SDK registers no tracer provider without a processor, and then spans have no ids.
        [new tracing.NoopSpanProcessor()],
    instrumentations: [],
    textMapPropagator: new core.W3CTraceContextPropagator(),
  });
  sdk.start();
  return { shutdown: () => sdk.shutdown() };
}
