import { Writable } from 'node:stream';
import type { Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../../src/app.factory.js';
import { parseConfig } from '../../src/config/config.schema.js';
import type { Config } from '../../src/config/config.schema.js';
import { createLogger } from '../../src/common/logging/logger.js';
import { testRedisUrl, uniqueName } from './environment.js';
import { createTestDatabase, sharedDatabase } from './test-database.js';
import { generateSecrets } from '../../src/infra/secrets/secrets.js';
import type { ServerSecrets } from '../../src/infra/secrets/secrets.js';

let cachedSecrets: Promise<ServerSecrets> | undefined;
/** One set of keys per test file is plenty, and saves generating them for every app. */
export function testSecrets(): Promise<ServerSecrets> {
  cachedSecrets ??= generateSecrets();
  return cachedSecrets;
}

export interface TestApp {
  app: NestFastifyApplication;
  config: Config;
  secrets: ServerSecrets;
  /** Set on PostgreSQL, so a second instance can join the same database. */
  databaseUrl: string | undefined;
  /** Base URL of the listening server, e.g. http://127.0.0.1:41234 */
  url: string;
  /** Every log line written so far, raw JSON text. */
  logs(): string;
  close(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  features?: Type[];
  /** Share key material with another instance (e.g. a second node); fresh keys otherwise. */
  secrets?: ServerSecrets;
  /** Share a database with another instance instead of creating one. */
  databaseUrl?: string;
  /** Listen on this port (a node restarted where its clients reconnect); a free one otherwise. */
  port?: number;
}

/** Starts the real server on a random port against a fresh database and an isolated cache namespace. */
export async function startTestApp({
  env = {},
  features,
  secrets,
  databaseUrl,
  port: listenPort = 0,
}: TestAppOptions = {}): Promise<TestApp> {
  const database = databaseUrl ? sharedDatabase(databaseUrl) : await createTestDatabase();
  const config = parseConfig({
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'info',
    CACHE_KEY_PREFIX: `${uniqueName('t')}:`,
    ...(testRedisUrl ? { REDIS_URL: testRedisUrl } : {}),
    ...env,
  });
  let output = '';
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      output += chunk.toString();
      done();
    },
  });
  const appSecrets = secrets ?? (await testSecrets());
  const app = await createApp({
    config,
    logger: createLogger(config.logLevel, sink),
    database: await database.open(),
    secrets: appSecrets,
    ...(features ? { features } : {}),
  });
  await app.listen({ port: listenPort, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    app,
    config,
    secrets: appSecrets,
    databaseUrl: database.url,
    url: `http://127.0.0.1:${port}`,
    logs: () => output,
    close: async () => {
      try {
        await app.close();
      } finally {
        await database.drop();
      }
    },
  };
}
