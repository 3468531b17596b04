import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import type { Config } from '../../config/config.schema.js';
import { instrumentations, loadPatchedModules } from './instrumentations.js';
import { RedactingSpanProcessor } from './redacting-span-processor.js';

export type TracingOptions = { tracesUrl: string } & Pick<Config['telemetry'], 'serviceName'>;

export interface Tracing {
  /** Exports the spans still buffered, then stops; called on SIGTERM before the process exits. */
  shutdown(): Promise<void>;
}

/**
 * Starts OpenTelemetry tracing to an OTLP/HTTP traces endpoint. `main` imports this module and
 * calls it only when an endpoint is configured (otherwise: no SDK loaded, no patches, no
 * connection), before the server's modules are imported, so that the instrumentations patch pg,
 * ioredis and http before anything holds on to them. Incoming `traceparent` headers are honoured
 * (W3C trace context, the provider's default).
 */
export function startTracing({ tracesUrl, serviceName }: TracingOptions): Tracing {
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: serviceName }),
    spanProcessors: [
      new RedactingSpanProcessor(),
      new BatchSpanProcessor(new OTLPTraceExporter({ url: tracesUrl })),
    ],
  });
  provider.register();
  const unregister = registerInstrumentations({
    tracerProvider: provider,
    instrumentations: instrumentations(),
  });
  loadPatchedModules();
  return {
    async shutdown() {
      unregister();
      await provider.shutdown();
    },
  };
}
