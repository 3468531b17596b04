import { isIP } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** apps/server, whether this file runs from src/ or dist/. */
const serverRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Which proxies may set X-Forwarded-For: `false`, a hop count (`1` behind one load balancer),
 * or a comma-separated list of addresses/CIDRs. `true` trusts every hop, so any client could
 * choose the IP that rate limits and audit see: accepted, but only behind a proxy that strips it.
 */
const trustProxy = z.string().transform((value, ctx): boolean | number | string[] => {
  if (value === 'false' || value === '0') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length > 0 && entries.every((entry) => /^[\d.:a-fA-F]+(\/\d{1,3})?$/.test(entry))) {
    return entries;
  }
  ctx.addIssue({
    code: 'custom',
    message: 'must be false, true, a hop count, or a list of IPs/CIDRs',
  });
  return z.NEVER;
});

/**
 * `ADMIN_ALLOWED_IPS`: IPs and CIDRs (IPv4 or IPv6) the platform's administration may be called
 * from; every entry is checked, so a typo cannot silently lock everyone out or let everyone in.
 */
const ipList = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean),
  )
  .refine(
    (entries) =>
      entries.every((entry) => {
        const [address = '', bits, extra] = entry.split('/');
        const family = isIP(address);
        if (family === 0 || extra !== undefined) return false;
        return (
          bits === undefined ||
          (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128))
        );
      }),
    'must be a comma-separated list of IP addresses or CIDRs (203.0.113.7, 10.0.0.0/8, 2001:db8::/32)',
  );

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const httpUrl = z.url().refine((value) => /^https?:\/\//.test(value), 'must be an http(s) URL');

const postgresUrl = z
  .url()
  .refine((value) => /^postgres(ql)?:\/\//.test(value), 'must be a postgres:// URL');

const list = z.string().transform((value) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean),
);

const origins = list.pipe(
  z.array(z.url().refine((value) => new URL(value).origin === value, 'must be a bare origin')),
);

/**
 * Secrets that a development machine may generate for itself. In production each must be
 * supplied: a server that invents its own keys on boot would lose every user's data at the
 * next restart on another node.
 */
export const PRODUCTION_SECRETS = [
  'SMTP_URL',
  'OPAQUE_SERVER_SETUP',
  'JWT_PRIVATE_KEYS',
  'MASTER_KEYS',
] as const;

/**
 * The browsers' push services (Chrome, Firefox, Edge, Safari): a subscription's endpoint must be
 * on one of these hosts or their subdomains, so the server posts to nothing else.
 */
export const DEFAULT_PUSH_SERVICE_HOSTS = [
  'fcm.googleapis.com',
  'updates.push.services.mozilla.com',
  'notify.windows.com',
  'push.apple.com',
] as const;

/** The keys: generated into DATA_DIR for a lone embedded node, otherwise all given. */
const KEY_SECRETS = ['OPAQUE_SERVER_SETUP', 'JWT_PRIVATE_KEYS', 'MASTER_KEYS'] as const;

export const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    HOST: z.string().min(1).default('0.0.0.0'),
    PORT: int(0, 65535).default(3000),
    PUBLIC_URL: z.url().optional(),
    TRUST_PROXY: trustProxy.default(false),
    ADMIN_ALLOWED_IPS: ipList.optional(),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
    LOG_FORMAT: z.enum(['json', 'ecs']).default('json'),
    OTEL_EXPORTER_OTLP_ENDPOINT: httpUrl.optional(),
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: httpUrl.optional(),
    OTEL_SERVICE_NAME: z
      .string()
      .regex(/^[\w.-]{1,64}$/, 'must be 1–64 letters, digits, dots, dashes or underscores')
      .default('cardcoop'),

    DATA_DIR: z.string().min(1).default('./data'),
    DATABASE_URL: postgresUrl.optional(),
    DATABASE_READ_URL: postgresUrl.optional(),
    DATABASE_LISTEN_URL: postgresUrl.optional(),
    DATABASE_POOL_MAX: int(1, 500).default(10),

    REDIS_URL: z
      .url()
      .refine((value) => /^rediss?:\/\//.test(value), 'must be a redis:// or rediss:// URL')
      .optional(),
    REDIS_SENTINELS: list
      .pipe(
        z
          .array(
            z
              .string()
              .regex(/^[\w.-]+:\d{1,5}$/, 'must be a comma-separated list of host:port')
              .transform((entry) => {
                const [host = '', port = ''] = entry.split(':');
                return { host, port: Number(port) };
              }),
          )
          .max(16),
      )
      .optional(),
    REDIS_SENTINEL_MASTER: z
      .string()
      .regex(/^[\w.-]{1,64}$/, 'must be a Sentinel master name')
      .default('mymaster'),
    CACHE_KEY_PREFIX: z.string().max(64).default('cardcoop:'),

    CORS_ORIGINS: origins.default([]),
    BODY_LIMIT_BYTES: int(1024, 64 * 1024 * 1024).default(1024 * 1024),
    RATE_LIMIT_MAX: int(1, 1_000_000).default(600),
    RATE_LIMIT_WINDOW_SECONDS: int(1, 86_400).default(60),
    REALTIME_HANDSHAKES_PER_MINUTE: int(1, 1_000_000).default(30),
    MAX_IN_FLIGHT: int(0, 100_000).optional(),
    READ_NOTICES_EVERY_SECONDS: int(1, 3600).default(60),
    READ_NOTICES_SETTLE_SECONDS: int(1, 600).default(10),

    SHUTDOWN_DRAIN_MS: int(0, 120_000).optional(),
    SHUTDOWN_TIMEOUT_MS: int(1000, 600_000).default(30_000),

    WEB_DIST_DIR: z
      .string()
      .min(1)
      .default(path.join(serverRoot, '..', 'web', 'dist')),
    ASSET_BASE_URL: z
      .url()
      .refine(
        (value) => /^https?:\/\/[^?#]+$/.test(value),
        'must be an http(s) URL without query or fragment',
      )
      .transform((value) => value.replace(/\/$/, ''))
      .optional(),

    VAPID_PUBLIC_KEY: z
      .string()
      .regex(/^[\w-]{87}$/, 'must be an uncompressed P-256 public key, base64url (87 characters)')
      .optional(),
    VAPID_PRIVATE_KEY: z
      .string()
      .regex(/^[\w-]{43}$/, 'must be a P-256 private key, base64url (43 characters)')
      .optional(),
    VAPID_SUBJECT: z
      .string()
      .refine(
        (value) => /^mailto:[^\s@]+@[^\s@]+$/.test(value) || /^https:\/\/[^\s]+$/.test(value),
        'must be a mailto: address or an https:// URL',
      )
      .optional(),
    PUSH_SERVICE_HOSTS: list.default([...DEFAULT_PUSH_SERVICE_HOSTS]),
    PUSH_CA_FILE: z.string().min(1).optional(),

    CHAIN_RPC_URL: z
      .url()
      .refine((value) => /^https?:\/\//.test(value), 'must be an http(s) URL of an Antelope node')
      .optional(),
    SMTP_URL: z
      .url()
      .refine((value) => /^smtps?:\/\//.test(value), 'must be an smtp:// or smtps:// URL')
      .optional(),
    OPAQUE_SERVER_SETUP: z.string().min(32).optional(),
    JWT_PRIVATE_KEYS: z.string().min(32).optional(),
    MASTER_KEYS: z.string().min(32).optional(),
    ADMIN_API_KEY: z
      .string()
      .regex(/^[\w-]{43,128}$/, 'must be 43–128 base64url characters (at least 256 random bits)')
      .optional(),
    METRICS_TOKEN: z
      .string()
      .regex(/^[\w.~+/=-]{32,256}$/, 'must be 32–256 token characters (base64url, hex, …)')
      .optional(),
    NOVU_SECRET_KEY: z
      .string()
      .regex(/^\S{16,256}$/, 'must be 16–256 characters without spaces')
      .optional(),
    NOVU_API_URL: z
      .url()
      .refine((value) => /^https?:\/\//.test(value), 'must be an http(s) URL of the Novu API')
      .default('https://api.novu.co'),

    WEBHOOK_ALLOW_PRIVATE_TARGETS: z.enum(['0', '1']).default('0'),
    WEBHOOK_TIMEOUT_MS: int(50, 60_000).default(10_000),
    WEBHOOK_RETRY_DELAYS_MS: list
      .pipe(
        z
          .array(
            z
              .string()
              .regex(/^\d{1,10}$/, 'must be milliseconds')
              .transform(Number)
              .pipe(
                z
                  .number()
                  .min(10)
                  .max(7 * 86_400_000),
              ),
          )
          .min(1)
          .max(20),
      )
      .default([5_000, 30_000, 120_000, 600_000, 3_600_000, 21_600_000]),
    WEBHOOK_K1_PRIVATE_KEY: z
      .string()
      .regex(
        /^(PVT_K1_[1-9A-HJ-NP-Za-km-z]{40,60}|5[1-9A-HJ-NP-Za-km-z]{50})$/,
        'must be a K1 private key (PVT_K1_… or WIF)',
      )
      .optional(),

    AIFORY_BASE_URL: z
      .url()
      .refine((value) => /^https?:\/\//.test(value), 'must be an http(s) URL of the Aifory API')
      .optional(),
    AIFORY_API_KEY: z
      .string()
      .regex(/^\S{8,256}$/, 'must be 8–256 characters without spaces')
      .optional(),
    AIFORY_API_SECRET: z
      .string()
      .regex(/^\S{16,512}$/, 'must be 16–512 characters without spaces')
      .optional(),
    AIFORY_WEBHOOK_SECRET: z
      .string()
      .regex(/^\S{16,512}$/, 'must be 16–512 characters without spaces')
      .optional(),
    AIFORY_TIMEOUT_MS: int(100, 120_000).default(10_000),
    AIFORY_OPERATOR_COOPNAME: z
      .string()
      .regex(/^[a-z1-5.]{1,12}$/, 'must be an Antelope account name (a–z, 1–5, dot; 1–12)')
      .optional(),
  })
  .superRefine((env, ctx) => {
    if (env.SHUTDOWN_DRAIN_MS !== undefined && env.SHUTDOWN_DRAIN_MS >= env.SHUTDOWN_TIMEOUT_MS) {
      ctx.addIssue({
        code: 'custom',
        path: ['SHUTDOWN_DRAIN_MS'],
        message: 'must be shorter than SHUTDOWN_TIMEOUT_MS, or every shutdown times out',
      });
    }
  });

/**
 * Rules across variables, checked on the raw environment so that they are reported together
 * with any unparsable value instead of after it is fixed.
 */
function crossProblems(source: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  if (source.DATABASE_READ_URL && !source.DATABASE_URL) {
    problems.push(
      'DATABASE_READ_URL: needs DATABASE_URL: a read replica without a primary makes no sense',
    );
  }
  if (source.DATABASE_LISTEN_URL && !source.DATABASE_URL) {
    problems.push('DATABASE_LISTEN_URL: needs DATABASE_URL: it reaches the same primary directly');
  }
  if (source.REDIS_SENTINELS && !source.REDIS_URL) {
    problems.push(
      'REDIS_SENTINELS: needs REDIS_URL (its password, database and TLS; the sentinels name the host)',
    );
  }
  if (Boolean(source.VAPID_PUBLIC_KEY) !== Boolean(source.VAPID_PRIVATE_KEY))
    problems.push('VAPID_PRIVATE_KEY: VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY go together');
  problems.push(...aiforyProblems(source));
  if (source.NODE_ENV === 'production') {
    if (source.WEBHOOK_ALLOW_PRIVATE_TARGETS === '1')
      problems.push(
        'WEBHOOK_ALLOW_PRIVATE_TARGETS: is for tests and development only, refused in production',
      );
    if (source.PUSH_CA_FILE)
      problems.push('PUSH_CA_FILE: is for tests and development only, refused in production');
    if (source.ASSET_BASE_URL?.startsWith('http:'))
      problems.push('ASSET_BASE_URL: must be https in production');
    if (
      source.VAPID_PUBLIC_KEY &&
      !source.VAPID_SUBJECT &&
      !source.PUBLIC_URL?.startsWith('https:')
    )
      problems.push('VAPID_SUBJECT: is required with VAPID keys when PUBLIC_URL is not https');
    for (const name of [...PRODUCTION_SECRETS, 'PUBLIC_URL']) {
      if (!source[name])
        problems.push(`${name}: is required in production (development defaults are refused)`);
    }
  } else {
    // The keys go together; nodes sharing a database must share them, so none is generated there.
    const given = KEY_SECRETS.filter((name) => source[name]);
    const reason =
      given.length > 0
        ? `is needed too: ${given.join(', ')} ${given.length > 1 ? 'are' : 'is'} set, and the keys go together`
        : source.DATABASE_URL
          ? 'is required with DATABASE_URL: every node on a database must use the same keys ' +
            '(print a set with `npm run secrets -w @cardcoop/server`)'
          : undefined;
    if (reason)
      for (const name of KEY_SECRETS) if (!source[name]) problems.push(`${name}: ${reason}`);
  }
  return problems;
}

/** Every AIFORY_* variable; in production any of them set turns virtual cards on. */
export const AIFORY_VARIABLES = [
  'AIFORY_BASE_URL',
  'AIFORY_API_KEY',
  'AIFORY_API_SECRET',
  'AIFORY_WEBHOOK_SECRET',
  'AIFORY_OPERATOR_COOPNAME',
] as const;

/**
 * Aifory: a real base URL needs its credentials; production has no sandbox, so there virtual
 * cards are either off (no AIFORY_* at all) or fully configured over https.
 */
function aiforyProblems(source: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  if (source.NODE_ENV === 'production') {
    if (!AIFORY_VARIABLES.some((name) => source[name])) return problems;
    for (const name of AIFORY_VARIABLES)
      if (!source[name])
        problems.push(
          `${name}: is required in production once any AIFORY_* is set (the sandbox and its development defaults are refused)`,
        );
    if (source.AIFORY_BASE_URL && !source.AIFORY_BASE_URL.startsWith('https://'))
      problems.push('AIFORY_BASE_URL: must be https in production');
  } else if (source.AIFORY_BASE_URL) {
    for (const name of ['AIFORY_API_KEY', 'AIFORY_API_SECRET'] as const)
      if (!source[name])
        problems.push(`${name}: is required with AIFORY_BASE_URL (no sandbox to default to)`);
  }
  return problems;
}

/** Credentials of the embedded sandbox outside production; refused in production. */
export const AIFORY_SANDBOX_DEFAULTS = {
  apiKey: 'sandbox-api-key',
  apiSecret: 'sandbox-api-secret-development-only',
  webhookSecret: 'sandbox-webhook-secret-development-only',
} as const;

export type Env = z.infer<typeof envSchema>;

export interface Config {
  env: Env['NODE_ENV'];
  production: boolean;
  host: string;
  port: number;
  publicUrl: string;
  /**
   * The `iss` of every token: `PUBLIC_URL` when set (required in production), otherwise a fixed
   * value, never one derived from the port — a token of one node must be valid on every node.
   */
  tokenIssuer: string;
  trustProxy: boolean | number | string[];
  /**
   * Client addresses (IPs/CIDRs) the platform's administration answers (platform roles and the
   * admin key); every address when unset.
   */
  adminAllowedIps: string[] | undefined;
  logLevel: Env['LOG_LEVEL'];
  /** `json`: pino's own fields; `ecs`: Elastic Common Schema, for ELK. */
  logFormat: Env['LOG_FORMAT'];
  /**
   * OpenTelemetry traces go over OTLP/HTTP to `tracesUrl` when an endpoint is set; off otherwise.
   * `serviceName` names this service in traces and ECS logs.
   */
  telemetry: { tracesUrl: string | undefined; serviceName: string };
  database: {
    dataDir: string;
    url: string | undefined;
    readUrl: string | undefined;
    /** The primary without a transaction-mode pooler between: LISTEN needs a session (ADR 024). */
    listenUrl: string | undefined;
    poolMax: number;
  };
  /**
   * Redis: the URL (credentials, database, TLS), and with Sentinel the sentinels that name the
   * current master (the URL's host is then not used).
   */
  cache: {
    redisUrl: string | undefined;
    sentinel: { hosts: { host: string; port: number }[]; master: string } | undefined;
    keyPrefix: string;
  };
  http: {
    corsOrigins: string[];
    bodyLimitBytes: number;
    rateLimit: { max: number; windowSeconds: number };
    /** Requests one node serves at once before it answers 503 (0: no limit). */
    maxInFlight: number;
  };
  /** Socket.IO handshakes one client address may open per minute, across nodes. */
  realtime: { handshakesPerMinute: number };
  /**
   * The read notices (ADR 023): how often the audit log's reads are swept, and how old a read's
   * event must be to be taken (its statement has committed by then).
   */
  readNotices: { everyMs: number; settleMs: number };
  shutdown: { drainMs: number; timeoutMs: number };
  /** The built web app, and where browsers fetch its hashed assets from (a CDN; unset: here). */
  web: { distDir: string; assetBaseUrl: string | undefined };
  /**
   * Web push: the VAPID `subject` push services may contact, the hosts subscriptions may point
   * at, and extra CA certificates (PEM file) trusted for them outside production (tests).
   */
  push: { subject: string; serviceHosts: string[]; caFile: string | undefined };
  mail: { smtpUrl: string | undefined };
  /** Antelope node for membership checks; the built-in registry when unset. */
  chain: { rpcUrl: string | undefined };
  /**
   * `/metrics` asks for `Authorization: Bearer <token>` when set; without one it is open outside
   * production and absent (404) in production.
   */
  metrics: { token: string | undefined };
  /**
   * Novu delivers the e-mail and push of notifications when `secretKey` is set (our mailer and
   * push otherwise); `apiUrl` is its region (https://api.novu.co, https://eu.api.novu.co).
   */
  novu: { secretKey: string | undefined; apiUrl: string };
  /**
   * Webhooks to cooperatives: private targets allowed (tests, development; never in
   * production), the answer's timeout, the waits between attempts, and the platform's K1 key
   * of `x-cardcoop-k1-signature` (derived from the oldest master key when unset).
   */
  webhooks: {
    allowPrivateTargets: boolean;
    timeoutMs: number;
    retryDelaysMs: number[];
    k1PrivateKey: string | undefined;
  };
  /**
   * Aifory virtual cards (docs/adr/021). `enabled` is false only in production without any
   * AIFORY_* variable. `baseUrl` undefined means the embedded sandbox (never in production), with
   * the development credentials of AIFORY_SANDBOX_DEFAULTS unless given.
   */
  aifory: {
    enabled: boolean;
    baseUrl: string | undefined;
    apiKey: string;
    apiSecret: string;
    webhookSecret: string;
    timeoutMs: number;
    operatorCoopname: string | undefined;
  };
  secrets: {
    opaqueServerSetup: string | undefined;
    jwtPrivateKeys: string | undefined;
    masterKeys: string | undefined;
    /** Bearer key of the admin API; development generates one, production has none unless set. */
    adminApiKey: string | undefined;
    /** Web push (VAPID) key pair; development generates one, production has none unless set. */
    vapidPublicKey: string | undefined;
    vapidPrivateKey: string | undefined;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Values of these variables never appear in an error message. */
const SECRET_NAMES = new Set<string>([
  ...PRODUCTION_SECRETS,
  'DATABASE_URL',
  'DATABASE_READ_URL',
  'DATABASE_LISTEN_URL',
  'REDIS_URL',
  'ADMIN_API_KEY',
  'METRICS_TOKEN',
  'VAPID_PRIVATE_KEY',
  'NOVU_SECRET_KEY',
  'WEBHOOK_K1_PRIVATE_KEY',
  'AIFORY_API_KEY',
  'AIFORY_API_SECRET',
  'AIFORY_WEBHOOK_SECRET',
]);

function describeProblem(
  issue: z.core.$ZodIssue,
  source: Record<string, string | undefined>,
): string {
  const name = String(issue.path[0] ?? '(environment)');
  const given = source[name];
  const shown =
    given === undefined || SECRET_NAMES.has(name) ? '' : ` (got ${JSON.stringify(given)})`;
  return `${name}: ${issue.message}${shown}`;
}

/** Validates the environment once; throws a ConfigError naming every offending variable. */
export function parseConfig(source: Record<string, string | undefined>): Config {
  // Empty strings mean "unset": `FOO= node main.js` must not count as a value.
  const cleaned = Object.fromEntries(
    Object.entries(source).filter(([, value]) => value !== undefined && value !== ''),
  );
  const result = envSchema.safeParse(cleaned);
  const problems = [
    ...(result.success ? [] : result.error.issues.map((issue) => describeProblem(issue, cleaned))),
    ...crossProblems(cleaned),
  ];
  if (problems.length > 0 || !result.success) throw new ConfigError(problems);
  const env = result.data;
  const production = env.NODE_ENV === 'production';
  return {
    env: env.NODE_ENV,
    production,
    host: env.HOST,
    port: env.PORT,
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ''),
    tokenIssuer: (env.PUBLIC_URL ?? 'http://localhost').replace(/\/$/, ''),
    trustProxy: env.TRUST_PROXY,
    adminAllowedIps: env.ADMIN_ALLOWED_IPS,
    logLevel: env.LOG_LEVEL,
    logFormat: env.LOG_FORMAT,
    telemetry: {
      // The traces endpoint is used as given; the general one gets the signal's path (OTLP spec).
      tracesUrl:
        env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ??
        (env.OTEL_EXPORTER_OTLP_ENDPOINT &&
          `${env.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/$/, '')}/v1/traces`),
      serviceName: env.OTEL_SERVICE_NAME,
    },
    database: {
      dataDir: path.resolve(env.DATA_DIR),
      url: env.DATABASE_URL,
      readUrl: env.DATABASE_READ_URL,
      listenUrl: env.DATABASE_LISTEN_URL,
      poolMax: env.DATABASE_POOL_MAX,
    },
    cache: {
      redisUrl: env.REDIS_URL,
      sentinel: env.REDIS_SENTINELS?.length
        ? { hosts: env.REDIS_SENTINELS, master: env.REDIS_SENTINEL_MASTER }
        : undefined,
      keyPrefix: env.CACHE_KEY_PREFIX,
    },
    http: {
      corsOrigins: env.CORS_ORIGINS,
      bodyLimitBytes: env.BODY_LIMIT_BYTES,
      rateLimit: { max: env.RATE_LIMIT_MAX, windowSeconds: env.RATE_LIMIT_WINDOW_SECONDS },
      // On in production; tests and development send bursts of their own on purpose.
      maxInFlight: env.MAX_IN_FLIGHT ?? (production ? 200 : 0),
    },
    realtime: { handshakesPerMinute: env.REALTIME_HANDSHAKES_PER_MINUTE },
    readNotices: {
      everyMs: env.READ_NOTICES_EVERY_SECONDS * 1000,
      settleMs: env.READ_NOTICES_SETTLE_SECONDS * 1000,
    },
    // Production waits for load balancers to see readiness fail before it stops accepting.
    shutdown: {
      drainMs: env.SHUTDOWN_DRAIN_MS ?? (production ? 5000 : 0),
      timeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    },
    web: { distDir: path.resolve(env.WEB_DIST_DIR), assetBaseUrl: env.ASSET_BASE_URL },
    push: {
      subject:
        env.VAPID_SUBJECT ??
        (env.PUBLIC_URL?.startsWith('https:')
          ? env.PUBLIC_URL.replace(/\/$/, '')
          : 'mailto:push@localhost'),
      serviceHosts: env.PUSH_SERVICE_HOSTS,
      caFile: env.PUSH_CA_FILE,
    },
    mail: { smtpUrl: env.SMTP_URL },
    chain: { rpcUrl: env.CHAIN_RPC_URL },
    metrics: { token: env.METRICS_TOKEN },
    novu: { secretKey: env.NOVU_SECRET_KEY, apiUrl: env.NOVU_API_URL.replace(/\/$/, '') },
    webhooks: {
      allowPrivateTargets: env.WEBHOOK_ALLOW_PRIVATE_TARGETS === '1' && !production,
      timeoutMs: env.WEBHOOK_TIMEOUT_MS,
      retryDelaysMs: env.WEBHOOK_RETRY_DELAYS_MS,
      k1PrivateKey: env.WEBHOOK_K1_PRIVATE_KEY,
    },
    aifory: {
      enabled: !production || AIFORY_VARIABLES.some((name) => cleaned[name]),
      baseUrl: env.AIFORY_BASE_URL?.replace(/\/$/, ''),
      apiKey: env.AIFORY_API_KEY ?? AIFORY_SANDBOX_DEFAULTS.apiKey,
      apiSecret: env.AIFORY_API_SECRET ?? AIFORY_SANDBOX_DEFAULTS.apiSecret,
      webhookSecret: env.AIFORY_WEBHOOK_SECRET ?? AIFORY_SANDBOX_DEFAULTS.webhookSecret,
      timeoutMs: env.AIFORY_TIMEOUT_MS,
      operatorCoopname: env.AIFORY_OPERATOR_COOPNAME,
    },
    secrets: {
      opaqueServerSetup: env.OPAQUE_SERVER_SETUP,
      jwtPrivateKeys: env.JWT_PRIVATE_KEYS,
      masterKeys: env.MASTER_KEYS,
      adminApiKey: env.ADMIN_API_KEY,
      vapidPublicKey: env.VAPID_PUBLIC_KEY,
      vapidPrivateKey: env.VAPID_PRIVATE_KEY,
    },
  };
}

/** Reads the process environment: the only place in the server that does. */
export function configFromProcess(): Config {
  return parseConfig(process.env);
}
