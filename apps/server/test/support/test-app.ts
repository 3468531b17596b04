import { Writable } from 'node:stream';
import type { Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../../src/app.factory.js';
import { parseConfig } from '../../src/config/config.schema.js';
import type { Config } from '../../src/config/config.schema.js';
import { createLogger } from '../../src/common/logging/logger.js';
import { testRedisUrl, uniqueName } from './environment.js';
import { createTestDatabase } from './test-database.js';

export interface TestApp {
  app: NestFastifyApplication;
  config: Config;
  /** Base URL of the listening server, e.g. http://127.0.0.1:41234 */
  url: string;
  /** Every log line written so far, raw JSON text. */
  logs(): string;
  close(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  features?: Type[];
}

/** Starts the real server on a random port against a fresh database and an isolated cache namespace. */
export async function startTestApp({ env = {}, features }: TestAppOptions = {}): Promise<TestApp> {
  const database = await createTestDatabase();
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
  const app = await createApp({
    config,
    logger: createLogger(config.logLevel, sink),
    database: await database.open(),
    ...(features ? { features } : {}),
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    app,
    config,
    url: `http://127.0.0.1:${port}`,
    logs: () => output,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
