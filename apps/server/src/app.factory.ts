import 'reflect-metadata';
import { RequestMethod } from '@nestjs/common';
import type { Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { LogController } from 'fastify';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Config } from './config/config.schema.js';
import { AppModule } from './app.module.js';
import { sendError } from './common/errors/error-response.js';
import { registerCrossSiteGuard } from './common/http/cross-site.js';
import { registerJsonBodyParser } from './common/http/json-body.js';
import { registerDocumentBodyParser } from './modules/applications/document-body.js';
import { registerRequestContext, requestIdOf } from './common/http/request-context.js';
import { securityHeaders } from './common/http/security-headers.js';
import { NestPinoLogger } from './common/logging/logger.js';
import type { Logger } from './common/logging/logger.js';
import { databaseOptions, openDatabase } from './db/database.js';
import type { Database } from './db/database.js';
import { CACHE } from './infra/cache/cache.js';
import type { Cache } from './infra/cache/cache.js';
import { Lifecycle } from './infra/lifecycle/lifecycle.js';
import { MetricsService } from './infra/metrics/metrics.service.js';
import { registerAdmission } from './infra/admission/admission.js';
import { registerRateLimit } from './infra/rate-limit/rate-limit.js';
import { registerWebApp } from './infra/web/web-app.js';
import { CooperativesRepository } from './modules/cooperatives/cooperatives.repository.js';
import { loadSecrets } from './infra/secrets/secrets.js';
import type { ServerSecrets } from './infra/secrets/secrets.js';
import { setUpOpenApi } from './openapi.js';

export const API_PREFIX = 'api/v1';

async function loadDevOrGivenSecrets(config: Config, logger: Logger): Promise<ServerSecrets> {
  const { secrets, generated } = await loadSecrets(config);
  if (generated)
    logger.warn(
      { dataDir: config.database.dataDir },
      'generated development secrets in DATA_DIR/dev-secrets.json',
    );
  return secrets;
}

export interface AppOptions {
  config: Config;
  logger: Logger;
  /** An opened database; by default one is opened from the config. It is migrated either way. */
  database?: Database;
  /** Key material; by default from the environment, or generated once for development. */
  secrets?: ServerSecrets;
  features?: Type[];
}

/** Builds the whole server (not yet listening): used by main.ts and by every server test. */
export async function createApp({
  config,
  logger,
  database,
  secrets,
  features,
}: AppOptions): Promise<NestFastifyApplication> {
  const db = database ?? (await openDatabase(databaseOptions(config.database)));
  await db.migrate();
  const keys = secrets ?? (await loadDevOrGivenSecrets(config, logger));

  const headers = securityHeaders({ publicUrl: config.publicUrl });
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    // One line per request is written by registerRequestContext, with redaction.
    logController: new LogController({
      disableRequestLogging: true,
      // ECS has a field for it; pino's own JSON keeps the name it always had.
      requestIdLogLabel: config.logFormat === 'ecs' ? 'http.request.id' : 'requestId',
    }),
    genReqId: requestIdOf,
    bodyLimit: config.http.bodyLimitBytes,
    trustProxy: config.trustProxy,
    return503OnClosing: true,
    // The router's own refusals (a malformed URL, a path parameter past maxParamLength) leave
    // through the one error body too, not fastify's default one, with the security headers
    // (no hook runs for them).
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) =>
      headers.refuse(request, reply, () => sendError(error, request, reply)),
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot({
      config,
      logger,
      database: db,
      secrets: keys,
      ...(features ? { features } : {}),
    }),
    adapter,
    // No Nest body parsers: fastify's JSON parser is the only one (see below).
    // abortOnError false: a wiring error is thrown (and reported by main), not a process abort.
    { logger: new NestPinoLogger(logger), bodyParser: false, abortOnError: false },
  );

  // Nest routes fastify's own errors (body parsing, hooks) through the ErrorFilter too.
  const fastify = app.getHttpAdapter().getInstance();
  // JSON only: form and text bodies are what a cross-site <form> can send without preflight.
  fastify.removeContentTypeParser('text/plain');
  // JSON strings PostgreSQL cannot store (NUL, lone surrogates) are a 422 for every body.
  registerJsonBodyParser(fastify);
  // Raw PDF/JPEG/PNG bodies, only on routes marked @DocumentUpload() (ADR 020).
  registerDocumentBodyParser(fastify);
  // First, so that every answer, a 429 included, carries the security headers.
  headers.register(fastify);
  // Cookie-carrying requests from other sites are refused before anything runs (CSRF).
  registerCrossSiteGuard(fastify);
  const metrics = app.get(MetricsService);
  registerRequestContext(fastify, (...sample) => metrics.observeRequest(...sample));
  // Before the rate limiter and routing: a full node refuses before any other work.
  registerAdmission(fastify, config.http.maxInFlight, metrics.registry);
  registerRateLimit(fastify, app.get<Cache>(CACHE), config.http.rateLimit);
  const lifecycle = app.get(Lifecycle);
  // While draining, every response closes its keep-alive connection, so clients reconnect to
  // another node and the close does not wait for idle sockets to time out.
  fastify.addHook('onSend', async (_request, reply) => {
    if (lifecycle.draining) void reply.header('connection', 'close');
  });

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
      { path: '.well-known/*path', method: RequestMethod.ALL },
    ],
  });
  setUpOpenApi(app);
  const cooperatives = app.get(CooperativesRepository);
  await registerWebApp(fastify, config.web.distDir, {
    assetBaseUrl: config.web.assetBaseUrl,
    embedAncestors: async (coopname) => {
      const cooperative = await cooperatives.find(coopname);
      return cooperative?.status === 'active' ? cooperative.origins : [];
    },
  });
  await app.init();
  return app;
}
