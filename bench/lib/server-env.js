// The environment run.js gives the server: the shell's, minus what would switch the mode behind
// the benchmark's back, plus a rate limiter that runs on every request but never refuses.
import { randomBytes } from 'node:crypto';
import { SERVER_LOG_LEVEL } from './server.js';

/**
 * The global per-IP limiter still runs on every request (its cost is part of what is measured)
 * but never refuses: the largest limit config.schema.ts accepts (1,000,000) over a 1 s window.
 * With the default 60 s window, a fast machine could pass 1,000,000 requests from 127.0.0.1
 * in one window and get 429s.
 */
const RATE_LIMIT_MAX = '1000000';
const RATE_LIMIT_WINDOW_SECONDS = '1';
/** bench/ws opens 10,000 sockets from 127.0.0.1 within the minute the handshake limit counts. */
const REALTIME_HANDSHAKES_PER_MINUTE = '1000000';
const MODE_VARIABLES = ['DATABASE_URL', 'DATABASE_READ_URL', 'REDIS_URL', 'NODE_ENV'];

/** What the results record of it. */
export const REPORTED_SERVER_ENV = {
  LOG_LEVEL: SERVER_LOG_LEVEL,
  RATE_LIMIT_MAX,
  RATE_LIMIT_WINDOW_SECONDS,
  REALTIME_HANDSHAKES_PER_MINUTE,
  NODE_ENV: '(unset: development)',
};

/** `database` and `redisUrl` are used in postgres mode only. */
export function serverEnv(mode, database, redisUrl) {
  const env = { ...process.env };
  for (const name of MODE_VARIABLES) delete env[name];
  Object.assign(env, {
    RATE_LIMIT_MAX,
    RATE_LIMIT_WINDOW_SECONDS,
    REALTIME_HANDSHAKES_PER_MINUTE,
    // Its own key space, so that it never shares counters with another server on this Redis.
    CACHE_KEY_PREFIX: `cardcoop_bench_${randomBytes(4).toString('hex')}:`,
  });
  if (mode === 'postgres') {
    env.DATABASE_URL = database.url;
    env.REDIS_URL = redisUrl;
  }
  return env;
}
