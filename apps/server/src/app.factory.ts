import 'reflect-metadata';
import { RequestMethod } from '@nestjs/common';
import type { Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Config } from './config/config.schema.js';
import { AppModule } from './app.module.js';
import { sendError } from './common/errors/error-response.js';
import { registerRequestContext, requestIdOf } from './common/http/request-context.js';
import { registerSecurityHeaders } from './common/http/security-headers.js';
import { NestPinoLogger } from './common/logging/logger.js';
import type { Logger } from './common/logging/logger.js';
import { databaseOptions, openDatabase } from './db/database.js';
import type { Database } from './db/database.js';
import { MetricsService } from './infra/metrics/metrics.service.js';
import { registerWebApp } from './infra/web/web-app.js';
import { setUpOpenApi } from './openapi.js';

export const API_PREFIX = 'api/v1';

export interface AppOptions {
  config: Config;
  logger: Logger;
  /** An opened database; by default one is opened from the config. It is migrated either way. */
  database?: Database;
  features?: Type[];
}

/** Builds the whole server (not yet listening): used by main.ts and by every server test. */
export async function createApp({ config, logger, database, features }: AppOptions): Promise<NestFastifyApplication> {
  const db = database ?? (await openDatabase(databaseOptions(config.database)));
  await db.migrate();

  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    disableRequestLogging: true,
    genReqId: requestIdOf,
    requestIdLogLabel: 'requestId',
    bodyLimit: config.http.bodyLimitBytes,
    trustProxy: config.trustProxy,
    return503OnClosing: true,
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot({ config, database: db, ...(features ? { features } : {}) }),
    adapter,
    { logger: new NestPinoLogger(logger), bufferLogs: false },
  );

  const fastify = app.getHttpAdapter().getInstance();
  fastify.setErrorHandler((error, request, reply) => sendError(error, request, reply));
  const metrics = app.get(MetricsService);
  registerRequestContext(fastify, (...sample) => metrics.observeRequest(...sample));
  await registerSecurityHeaders(fastify);

  app.enableCors({
    origin: config.http.corsOrigins,
    credentials: true,
    exposedHeaders: ['x-request-id', 'retry-after'],
    maxAge: 600,
  });
  app.setGlobalPrefix(API_PREFIX, {
    exclude: [
      { path: 'health/*path', method: RequestMethod.ALL },
      { path: 'metrics', method: RequestMethod.ALL },
    ],
  });
  setUpOpenApi(app);
  await registerWebApp(fastify, config.web.distDir);
  await app.init();
  return app;
}
