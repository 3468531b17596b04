// run.js's command line: every option is checked here, so that a typo fails before anything runs.
import { parseArgs } from 'node:util';
import { UsageError } from './errors.js';
import { SCENARIOS } from './scenarios.js';
import { DEFAULT_PG_ADMIN_URL, DEFAULT_REDIS_URL } from './services.js';

export const USAGE = `Usage: node bench/run.js [options]   (or: npm run bench -- [options])

  --mode embedded|postgres  embedded: PGlite in a fresh DATA_DIR and the in-memory cache
                            (default); postgres: a throwaway database on local PostgreSQL and
                            local Redis (BENCH_PG_ADMIN_URL, default ${DEFAULT_PG_ADMIN_URL};
                            BENCH_REDIS_URL, default ${DEFAULT_REDIS_URL})
  --duration <s>            seconds per scenario, 1..3600 (default 10)
  --connections <n>         concurrent keep-alive connections, 1..1000 (default 50)
  --only <scenario[,...]>   ${Object.keys(SCENARIOS).join(', ')} (default: all)
  --rate <req/s>            cap the total request rate instead of going as fast as possible;
                            autocannon releases each connection's share at the start of every
                            second, so this is bursty and its latencies are pessimistic
  --help                    this text

Needs a build: npm run build.`;

/** An integer option within [min, max], or a UsageError naming it. */
export function integer(name, raw, min, max) {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new UsageError(`--${name} must be an integer from ${min} to ${max}, not "${raw}"`);
  }
  return value;
}

/**
 * The names `--only` lists (comma-separated, each once), all of `known` without it; a
 * UsageError for a name not in `known`. `what` names one of them in messages.
 */
export function onlyNames(only, known, what) {
  const names = only
    ? only
        .split(',')
        .map((name) => name.trim())
        .filter(Boolean)
    : Object.keys(known);
  for (const name of names) {
    if (!known[name]) {
      throw new UsageError(`unknown ${what} "${name}"; one of: ${Object.keys(known).join(', ')}`);
    }
  }
  if (names.length === 0) throw new UsageError(`--only names no ${what}`);
  return [...new Set(names)];
}

/** `parseArgs` in strict mode without positionals; its complaints as UsageErrors. */
export function strictArgs(argv, options) {
  try {
    return parseArgs({ args: argv, strict: true, allowPositionals: false, options }).values;
  } catch (error) {
    throw new UsageError(error.message);
  }
}

/** The options, or { help: true }; a UsageError for anything wrong. */
export function parseOptions(argv) {
  const values = strictArgs(argv, {
    mode: { type: 'string', default: 'embedded' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    only: { type: 'string' },
    rate: { type: 'string' },
    help: { type: 'boolean', default: false },
  });
  if (values.help) return { help: true };
  if (!['embedded', 'postgres'].includes(values.mode)) {
    throw new UsageError(`--mode must be embedded or postgres, not "${values.mode}"`);
  }
  const scenarios = onlyNames(values.only, SCENARIOS, 'scenario');
  return {
    help: false,
    mode: values.mode,
    duration: integer('duration', values.duration, 1, 3600),
    connections: integer('connections', values.connections, 1, 1000),
    rate: values.rate === undefined ? undefined : integer('rate', values.rate, 1, 1_000_000),
    scenarios,
  };
}
