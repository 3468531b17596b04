import type { LoggerOptions } from 'pino';

/** The Elastic Common Schema version the `ecs` log format follows. */
export const ECS_VERSION = '8.11.0';

type Fields = Record<string, unknown>;

/** An error under `err` becomes ECS `error.type`, `error.message`, `error.stack_trace`. */
function ecsError(object: Fields): Fields {
  const { err, ...rest } = object;
  if (!(err instanceof Error)) return object;
  return {
    ...rest,
    'error.type': err.name,
    'error.message': err.message,
    ...(err.stack ? { 'error.stack_trace': err.stack } : {}),
  };
}

/**
 * pino options for ECS lines (`@timestamp`, `log.level`, `message`, `ecs.version`,
 * `service.name`, `error.*`), which Filebeat or any shipper hands to Elasticsearch as they are.
 * The request id is `http.request.id` (fastify's label, set in app.factory); our other fields
 * (`route`, `statusCode`, …) stay as they are, as ECS allows. `redact` runs first, as for every
 * line.
 */
export function ecsOptions(service: string, redact: (object: Fields) => Fields): LoggerOptions {
  return {
    messageKey: 'message',
    base: { 'ecs.version': ECS_VERSION, 'service.name': service },
    timestamp: () => `,"@timestamp":"${new Date().toISOString()}"`,
    formatters: {
      level: (label) => ({ 'log.level': label }),
      log: (object) => ecsError(redact(object)),
    },
  };
}
