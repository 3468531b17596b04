// dashboard.js's command line: every option is checked here, so that a typo fails before anything runs.
import { integer, strictArgs } from './options.js';
import { DEFAULT_PG_ADMIN_URL, DEFAULT_REDIS_URL } from './services.js';

export const USAGE = `Usage: node bench/dashboard.js [options]   (or: npm run bench:dashboard -- [options])

GET /api/v1/dashboard (the member's home in one request) of the built server on PostgreSQL +
Redis, with --members seeded members each with a card, two accounts, meetings, payment requests,
notifications and reads; every request with a random member's token. Uses a throwaway database
on local PostgreSQL (BENCH_PG_ADMIN_URL, default ${DEFAULT_PG_ADMIN_URL}) and local Redis
(BENCH_REDIS_URL, default ${DEFAULT_REDIS_URL}).

  --members <n>       members to seed, 1..1000000 (default 1000)
  --connections <n>   concurrent keep-alive connections, 1..1000 (default 1000)
  --duration <s>      seconds per run, 1..3600 (default 10)
  --rate <req/s>      after the flat-out run, one more at this total rate, 0 to skip (default 0);
                      autocannon releases each connection's share at the start of every second,
                      so this is bursty and its latencies pessimistic
  --pool <n>          the server's DATABASE_POOL_MAX, 1..100 (default 10, the server's default)
  --help              this text

Needs a build: npm run build.`;

/** The options, or { help: true }; a UsageError for anything wrong. */
export function parseDashboardOptions(argv) {
  const values = strictArgs(argv, {
    members: { type: 'string', default: '1000' },
    connections: { type: 'string', default: '1000' },
    duration: { type: 'string', default: '10' },
    rate: { type: 'string', default: '0' },
    pool: { type: 'string', default: '10' },
    help: { type: 'boolean', default: false },
  });
  if (values.help) return { help: true };
  return {
    help: false,
    members: integer('members', values.members, 1, 1_000_000),
    connections: integer('connections', values.connections, 1, 1000),
    duration: integer('duration', values.duration, 1, 3600),
    rate: integer('rate', values.rate, 0, 1_000_000),
    pool: integer('pool', values.pool, 1, 100),
  };
}
