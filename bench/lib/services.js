// The PostgreSQL and Redis of a postgres-mode run: on this machine only, so that a benchmark never
// creates databases on, or sends its load to, anyone else's.
import { SetupError } from './errors.js';

export const DEFAULT_PG_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

function isLoopbackHost(hostname) {
  const host = hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function loopbackUrl(name, raw) {
  let url;
  try {
    url = new URL(raw);
  } catch {
    throw new SetupError(`${name} is not a URL`);
  }
  if (!isLoopbackHost(url.hostname)) {
    throw new SetupError(`${name} must point at this machine (127.0.0.1, localhost or ::1)`);
  }
  return url;
}

/** From BENCH_REDIS_URL and BENCH_PG_ADMIN_URL, or the defaults; a SetupError if not loopback. */
export function localServices() {
  const { BENCH_REDIS_URL, BENCH_PG_ADMIN_URL } = process.env;
  const redisUrl = loopbackUrl('BENCH_REDIS_URL', BENCH_REDIS_URL ?? DEFAULT_REDIS_URL);
  const adminUrl = loopbackUrl('BENCH_PG_ADMIN_URL', BENCH_PG_ADMIN_URL ?? DEFAULT_PG_ADMIN_URL);
  return { redisUrl: redisUrl.toString(), adminUrl };
}
