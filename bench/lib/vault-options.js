// vault.js's command line: every option is checked here, so that a typo fails before anything runs.
import { integer, onlyNames, strictArgs } from './options.js';
import { DEFAULT_PG_ADMIN_URL, DEFAULT_REDIS_URL } from './services.js';
import { ENDPOINTS } from './vault-targets.js';

export const USAGE = `Usage: node bench/vault.js [options]   (or: npm run bench:vault -- [options])

GET /api/v1/card/accounts and GET /api/v1/access/get-encrypted-data/{username}/{coopname} of the
built server on PostgreSQL + Redis, next to a bare Fastify + pg server doing the same token check
and one indexed SELECT, then the server's endpoints at a fixed rate. Uses a throwaway database
on local PostgreSQL (BENCH_PG_ADMIN_URL, default ${DEFAULT_PG_ADMIN_URL}) and local Redis
(BENCH_REDIS_URL, default ${DEFAULT_REDIS_URL}).

  --members <n>             members to seed, 1..1000000 (default 10000)
  --duration <s>            seconds per run, 1..3600 (default 10)
  --connections <n>         concurrent keep-alive connections, 1..1000 (default 50)
  --rate <req/s>            the fixed rate of the server's target runs, 0 to skip them
                            (default 1000); autocannon releases each connection's share at the
                            start of every second, so this is bursty and its latencies pessimistic
  --only <endpoint[,...]>   ${Object.keys(ENDPOINTS).join(', ')} (default: both)
  --help                    this text

Needs a build: npm run build.`;

/** The options, or { help: true }; a UsageError for anything wrong. */
export function parseVaultOptions(argv) {
  const values = strictArgs(argv, {
    members: { type: 'string', default: '10000' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    rate: { type: 'string', default: '1000' },
    only: { type: 'string' },
    help: { type: 'boolean', default: false },
  });
  if (values.help) return { help: true };
  return {
    help: false,
    members: integer('members', values.members, 1, 1_000_000),
    duration: integer('duration', values.duration, 1, 3600),
    connections: integer('connections', values.connections, 1, 1000),
    rate: integer('rate', values.rate, 0, 1_000_000),
    endpoints: onlyNames(values.only, ENDPOINTS, 'endpoint'),
  };
}
