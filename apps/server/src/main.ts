import { configFromProcess, ConfigError } from './config/config.schema.js';
import type { Config } from './config/config.schema.js';
import { createLogger } from './common/logging/logger.js';
import type { Logger } from './common/logging/logger.js';
import { drainAndClose } from './infra/lifecycle/shutdown.js';
import { DataDirLockedError } from './db/data-dir-lock.js';
import { SecretsError } from './infra/secrets/secrets.js';
import type { Tracing } from './infra/telemetry/tracing.js';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

function loadConfigOrExit(): Config {
  try {
    return configFromProcess();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}

/**
 * SIGTERM or SIGINT: drain, close, export the last spans, exit; a shutdown that hangs is cut off
 * after timeoutMs.
 */
function handleSignals(
  app: NestFastifyApplication,
  config: Config,
  logger: Logger,
  tracing: Tracing | undefined,
): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, drainMs: config.shutdown.drainMs }, 'shutting down');
    setTimeout(() => {
      logger.error('shutdown timed out; exiting');
      process.exit(1);
    }, config.shutdown.timeoutMs).unref();
    await drainAndClose(app, config.shutdown);
    await tracing?.shutdown();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config.logLevel, undefined, {
    format: config.logFormat,
    service: config.telemetry.serviceName,
  });
  process.on('unhandledRejection', (reason) =>
    logger.error({ err: reason }, 'unhandled rejection'),
  );
  // Before the server's modules are loaded: the instrumentations patch pg, ioredis and http.
  // Without an endpoint the SDK is not even loaded.
  const { tracesUrl, serviceName } = config.telemetry;
  const tracing = tracesUrl
    ? (await import('./infra/telemetry/tracing.js')).startTracing({ tracesUrl, serviceName })
    : undefined;
  const { createApp } = await import('./app.factory.js');
  const { startEmbeddedSandbox } = await import('./modules/aifory/embedded-sandbox.js');
  const app = await createApp({ config, logger });
  handleSignals(app, config, logger, tracing);
  await app.listen({ port: config.port, host: config.host });
  const sandbox = await startEmbeddedSandbox(app, config, logger);
  const url = config.publicUrl;
  logger.info(
    {
      web: url,
      docs: `${url}/api/docs`,
      database: config.database.url ? 'postgres' : 'pglite',
      cache: config.cache.redisUrl
        ? config.cache.sentinel
          ? 'redis sentinel'
          : 'redis'
        : 'memory',
      aifory: sandbox ? `embedded sandbox ${sandbox.url}` : (config.aifory.baseUrl ?? 'off'),
      tracing: tracesUrl ? new URL(tracesUrl).origin : 'off',
    },
    `CARD.COOP is listening on ${url}`,
  );
}

main().catch((error: unknown) => {
  if (error instanceof DataDirLockedError) {
    process.stderr.write(`CARD.COOP cannot start: ${error.message}\n`);
    process.exit(75); // EX_TEMPFAIL
  }
  if (error instanceof SecretsError) {
    process.stderr.write(`CARD.COOP cannot start: ${error.message}\n`);
    process.exit(78); // EX_CONFIG
  }
  process.stderr.write(
    `CARD.COOP failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
