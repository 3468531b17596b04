import pino from 'pino';
import type { DestinationStream, Logger, LoggerOptions } from 'pino';
import type { LoggerService } from '@nestjs/common';
import type { Config } from '../../config/config.schema.js';
import { activeTraceIds } from '../../infra/telemetry/active-trace.js';
import { ecsOptions } from './ecs.js';
import { redact } from './redact.js';

export type { Logger };

export interface LogStyle {
  format: Config['logFormat'];
  /** `service` in JSON lines, `service.name` in ECS ones. */
  service: string;
}

const redactFields = (object: Record<string, unknown>) => redact(object) as Record<string, unknown>;

/** `trace_id`/`span_id` (JSON) or `trace.id`/`span.id` (ECS) on each line written inside a span. */
function traceFields(traceKey: string, spanKey: string): () => Record<string, string> {
  return () => {
    const ids = activeTraceIds();
    return ids ? { [traceKey]: ids.traceId, [spanKey]: ids.spanId } : {};
  };
}

function formatOptions({ format, service }: LogStyle): LoggerOptions {
  if (format === 'ecs')
    return { ...ecsOptions(service, redactFields), mixin: traceFields('trace.id', 'span.id') };
  return {
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { log: redactFields },
    mixin: traceFields('trace_id', 'span_id'),
  };
}

/**
 * Logs on stdout, as JSON (default) or ECS; every line passes through `redact` and, inside a
 * traced request, carries its trace and span ids.
 */
export function createLogger(
  level: Config['logLevel'],
  destination?: DestinationStream,
  style: LogStyle = { format: 'json', service: 'cardcoop' },
): Logger {
  return pino(
    { level, serializers: { err: pino.stdSerializers.err }, ...formatOptions(style) },
    destination,
  );
}

/** Nest's own messages (bootstrap, route mapping) through the same pino logger. */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string): void {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string): void {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string): void {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string): void {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string): void {
    this.logger.trace({ context }, String(message));
  }
}
