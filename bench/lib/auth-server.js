// The server the login benchmarks run against: PostgreSQL + Redis, fresh keys, every request's
// X-Forwarded-For trusted (each comes from an address of its own) and no rate limit in the way.
import { generateServerSecrets } from './secrets.js';
import { startServer, waitForReady } from './server.js';
import { DEFAULT_REDIS_URL } from './services.js';

/** Starts it on `database` and waits until it is ready. */
export async function startAuthServer(database) {
  const server = await startServer({
    PATH: process.env.PATH,
    ...(await generateServerSecrets()).env,
    DATABASE_URL: database.url,
    REDIS_URL: process.env.BENCH_REDIS_URL ?? DEFAULT_REDIS_URL,
    CACHE_KEY_PREFIX: `bench${Date.now()}:`,
    TRUST_PROXY: '1',
    RATE_LIMIT_MAX: '1000000',
  });
  await waitForReady(server);
  return server;
}
