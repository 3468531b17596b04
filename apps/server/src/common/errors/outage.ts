/**
 * Whether an error means a dependency (PostgreSQL, Redis) is unreachable or went away — not a
 * fault of the request or of our code. Such errors answer 503 with `Retry-After`, and are logged
 * as one warning now and then rather than as an error per request. Looks through `cause` chains
 * (Drizzle wraps driver errors).
 */
export function dependencyOutage(error: unknown): 'database' | 'cache' | undefined {
  for (let current = error, depth = 0; current && depth < 8; depth += 1) {
    const { code, name, message } = current as {
      code?: unknown;
      name?: unknown;
      message?: unknown;
    };
    const text = typeof message === 'string' ? message : '';
    if (typeof code === 'string') {
      // SQLSTATE 08 connection exception, 57P01–57P03 shutdown / cannot connect now, 53300 too
      // many connections.
      if (/^08...$|^57P0[123]$|^53300$/.test(code)) return 'database';
      if (NETWORK_ERRNOS.has(code)) return REDIS_MESSAGE.test(text) ? 'cache' : 'database';
    }
    if (name === 'MaxRetriesPerRequestError' || REDIS_MESSAGE.test(text)) return 'cache';
    if (PG_MESSAGE.test(text)) return 'database';
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

const NETWORK_ERRNOS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
]);
/** node-postgres's own messages for a lost or unobtainable connection, and its query timeout. */
const PG_MESSAGE =
  /^Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Query read timeout|terminating connection due to administrator command|the database system is (starting up|shutting down|in recovery mode)/;
/** ioredis's messages while disconnected (offline queue off) or when a command timed out. */
const REDIS_MESSAGE =
  /Stream isn't writeable|Connection is closed|Command timed out|Reached the max retries per request limit|redis/i;
