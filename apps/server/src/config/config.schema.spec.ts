import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig, PRODUCTION_SECRETS } from './config.schema.js';

function problemsOf(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the configuration to be rejected');
}

const productionSecrets = {
  SMTP_URL: 'smtp://mail.example.org:587',
  OPAQUE_SERVER_SETUP: 'o'.repeat(64),
  JWT_PRIVATE_KEYS: 'j'.repeat(64),
  MASTER_KEYS: 'm'.repeat(64),
  PUBLIC_URL: 'https://id.card.coop',
};

describe('parseConfig', () => {
  it('gives a working embedded setup with no variables at all', () => {
    const config = parseConfig({});
    expect(config.port).toBe(3000);
    expect(config.database.url).toBeUndefined();
    expect(config.cache.redisUrl).toBeUndefined();
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.shutdown.drainMs).toBe(0);
    expect(config.database.dataDir).toMatch(/\/data$/);
  });

  it('names every offending variable at once, with the value it got', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      LOG_LEVEL: 'loud',
      DATABASE_URL: 'mysql://db/cardcoop',
      CORS_ORIGINS: 'https://ok.example, https://bad.example/path',
      MASTER_KEYS: 'a'.repeat(40),
    });
    expect(problems.map((problem) => problem.split(':')[0]).sort()).toEqual([
      'CORS_ORIGINS',
      'DATABASE_URL',
      'JWT_PRIVATE_KEYS',
      'LOG_LEVEL',
      'OPAQUE_SERVER_SETUP',
      'PORT',
    ]);
    expect(problems.find((p) => p.startsWith('PORT'))).toContain('"eighty"');
  });

  it('names the missing keys when only some are set: they go together', () => {
    const problems = problemsOf({ JWT_PRIVATE_KEYS: 'x'.repeat(40) });
    expect(problems).toHaveLength(2);
    expect(problems.find((p) => p.startsWith('MASTER_KEYS:'))).toContain('JWT_PRIVATE_KEYS is set');
    expect(problems.find((p) => p.startsWith('OPAQUE_SERVER_SETUP:'))).toContain(
      'the keys go together',
    );
  });

  it('refuses to generate keys for a node on a shared database (DATABASE_URL)', () => {
    const problems = problemsOf({ DATABASE_URL: 'postgres://db/cardcoop' });
    expect(problems.map((problem) => problem.split(':')[0]).sort()).toEqual([
      'JWT_PRIVATE_KEYS',
      'MASTER_KEYS',
      'OPAQUE_SERVER_SETUP',
    ]);
    expect(problems[0]).toContain('every node on a database must use the same keys');
  });

  it('takes the token issuer from PUBLIC_URL, else a fixed one whatever the port', () => {
    expect(parseConfig({ PORT: '3001' }).tokenIssuer).toBe(
      parseConfig({ PORT: '3002' }).tokenIssuer,
    );
    expect(parseConfig({ PUBLIC_URL: 'https://id.card.coop/' }).tokenIssuer).toBe(
      'https://id.card.coop',
    );
  });

  it('never prints the value of a secret variable', () => {
    const problems = problemsOf({ DATABASE_URL: 'mysql://user:hunter2@db/x' });
    expect(problems.join('\n')).not.toContain('hunter2');
  });

  it('delivers through Novu only with its key, in the chosen region, and never prints the key', () => {
    expect(parseConfig({}).novu).toEqual({ secretKey: undefined, apiUrl: 'https://api.novu.co' });
    const key = 'novu-secret-0123456789abcdef';
    expect(
      parseConfig({ NOVU_SECRET_KEY: key, NOVU_API_URL: 'https://eu.api.novu.co/' }).novu,
    ).toEqual({ secretKey: key, apiUrl: 'https://eu.api.novu.co' });
    const problems = problemsOf({ NOVU_SECRET_KEY: 'short key', NOVU_API_URL: 'ftp://novu' });
    expect(problems.map((problem) => problem.split(':')[0]).sort()).toEqual([
      'NOVU_API_URL',
      'NOVU_SECRET_KEY',
    ]);
    expect(problems.join('\n')).not.toContain('short key');
  });

  it('refuses development defaults in production and names each missing secret', () => {
    const problems = problemsOf({ NODE_ENV: 'production' });
    for (const name of [...PRODUCTION_SECRETS, 'PUBLIC_URL']) {
      expect(problems.some((problem) => problem.startsWith(`${name}:`))).toBe(true);
    }
  });

  it('accepts production with every secret supplied and drains for 5 s by default', () => {
    const config = parseConfig({ NODE_ENV: 'production', ...productionSecrets });
    expect(config.production).toBe(true);
    expect(config.shutdown.drainMs).toBe(5000);
    expect(config.mail.smtpUrl).toBe(productionSecrets.SMTP_URL);
  });

  it('limits the requests in flight to 200 in production, not elsewhere, unless told', () => {
    expect(parseConfig({ NODE_ENV: 'production', ...productionSecrets }).http.maxInFlight).toBe(
      200,
    );
    expect(parseConfig({}).http.maxInFlight).toBe(0);
    expect(parseConfig({ MAX_IN_FLIGHT: '50' }).http.maxInFlight).toBe(50);
    expect(problemsOf({ MAX_IN_FLIGHT: '-1' })[0]).toMatch(/^MAX_IN_FLIGHT:/);
  });

  it('takes an asset base URL (a CDN) without its trailing slash, https only in production', () => {
    expect(parseConfig({}).web.assetBaseUrl).toBeUndefined();
    const cdn = parseConfig({ ASSET_BASE_URL: 'http://127.0.0.1:8080/static/' });
    expect(cdn.web.assetBaseUrl).toBe('http://127.0.0.1:8080/static');
    expect(problemsOf({ ASSET_BASE_URL: 'https://cdn.example/app?v=1' })[0]).toMatch(
      /^ASSET_BASE_URL: must be an http\(s\) URL without query or fragment/,
    );
    const production = { NODE_ENV: 'production', ...productionSecrets };
    expect(problemsOf({ ...production, ASSET_BASE_URL: 'http://cdn.example' })).toEqual([
      'ASSET_BASE_URL: must be https in production',
    ]);
    expect(
      parseConfig({ ...production, ASSET_BASE_URL: 'https://cdn.example' }).web.assetBaseUrl,
    ).toBe('https://cdn.example');
  });

  it('asks Redis Sentinel for the master when sentinels are given, with the URL for credentials', () => {
    expect(parseConfig({ REDIS_URL: 'redis://r:6379' }).cache.sentinel).toBeUndefined();
    const config = parseConfig({
      REDIS_URL: 'redis://:pw@ignored:6379/2',
      REDIS_SENTINELS: 'redis-0.redis:26379, redis-1.redis:26379',
    });
    expect(config.cache.sentinel).toEqual({
      hosts: [
        { host: 'redis-0.redis', port: 26379 },
        { host: 'redis-1.redis', port: 26379 },
      ],
      master: 'mymaster',
    });
    expect(problemsOf({ REDIS_SENTINELS: 'redis-0:26379' })).toEqual([
      'REDIS_SENTINELS: needs REDIS_URL (its password, database and TLS; the sentinels name the host)',
    ]);
    expect(
      problemsOf({
        REDIS_URL: 'redis://r',
        REDIS_SENTINELS: 'redis-0',
        REDIS_SENTINEL_MASTER: 'a b',
      })
        .map((problem) => problem.split(':')[0])
        .sort(),
    ).toEqual(['REDIS_SENTINELS', 'REDIS_SENTINEL_MASTER']);
  });

  it('reports cross-variable rules together with unparsable values', () => {
    const names = problemsOf({ NODE_ENV: 'production', PORT: 'eighty' }).map(
      (p) => p.split(':')[0],
    );
    expect(names).toEqual(
      expect.arrayContaining(['PORT', 'SMTP_URL', 'MASTER_KEYS', 'PUBLIC_URL']),
    );
  });

  it('refuses a drain period that the shutdown timeout would cut off', () => {
    expect(problemsOf({ SHUTDOWN_DRAIN_MS: '40000', SHUTDOWN_TIMEOUT_MS: '30000' })[0]).toMatch(
      /^SHUTDOWN_DRAIN_MS:/,
    );
  });

  it.each([
    ['false', false],
    ['true', true],
    ['1', 1],
    ['10.0.0.0/8, 192.168.1.7', ['10.0.0.0/8', '192.168.1.7']],
  ])('reads TRUST_PROXY=%s', (value, expected) => {
    expect(parseConfig({ TRUST_PROXY: value }).trustProxy).toEqual(expected);
  });

  it('refuses a TRUST_PROXY that is neither a count nor addresses', () => {
    expect(problemsOf({ TRUST_PROXY: 'yes please' })[0]).toMatch(/^TRUST_PROXY:/);
  });

  it('rejects a read replica without a primary', () => {
    expect(problemsOf({ DATABASE_READ_URL: 'postgres://replica/db' })[0]).toMatch(
      /^DATABASE_READ_URL:/,
    );
  });

  it('rejects a listener URL without a primary, and listens on the primary unless told', () => {
    expect(problemsOf({ DATABASE_LISTEN_URL: 'postgres://primary/db' })[0]).toMatch(
      /^DATABASE_LISTEN_URL:/,
    );
    const direct = 'postgres://app@primary:5432/db';
    const base = { ...productionSecrets, DATABASE_URL: 'postgres://app@pgbouncer:6432/db' };
    expect(parseConfig(base).database.listenUrl).toBeUndefined();
    expect(parseConfig({ ...base, DATABASE_LISTEN_URL: direct }).database.listenUrl).toBe(direct);
  });

  it('treats empty variables as unset and parses lists and booleans', () => {
    const config = parseConfig({
      PORT: '',
      TRUST_PROXY: 'true',
      CORS_ORIGINS: 'https://coop.example, http://localhost:5173',
      PUBLIC_URL: 'https://id.card.coop/',
    });
    expect(config.port).toBe(3000);
    expect(config.trustProxy).toBe(true);
    expect(config.http.corsOrigins).toEqual(['https://coop.example', 'http://localhost:5173']);
    expect(config.publicUrl).toBe('https://id.card.coop');
  });
});

describe('parseConfig: Aifory', () => {
  const aifory = {
    AIFORY_BASE_URL: 'https://api.aifory.example/v1/',
    AIFORY_API_KEY: 'live-key-123456',
    AIFORY_API_SECRET: 's'.repeat(32),
    AIFORY_WEBHOOK_SECRET: 'w'.repeat(32),
    AIFORY_OPERATOR_COOPNAME: 'voskhod',
  };

  it('defaults to the embedded sandbox outside production', () => {
    const config = parseConfig({});
    expect(config.aifory).toMatchObject({ enabled: true, baseUrl: undefined, timeoutMs: 10_000 });
    expect(config.aifory.apiSecret.length).toBeGreaterThanOrEqual(16);
  });

  it('is off in production without any AIFORY_* and fully on with all of them', () => {
    expect(parseConfig({ NODE_ENV: 'production', ...productionSecrets }).aifory.enabled).toBe(
      false,
    );
    const config = parseConfig({ NODE_ENV: 'production', ...productionSecrets, ...aifory });
    expect(config.aifory).toMatchObject({
      enabled: true,
      baseUrl: 'https://api.aifory.example/v1',
      apiKey: 'live-key-123456',
      operatorCoopname: 'voskhod',
    });
  });

  it('refuses sandbox defaults and plain http in production, never printing the secrets', () => {
    const problems = problemsOf({
      NODE_ENV: 'production',
      ...productionSecrets,
      AIFORY_BASE_URL: 'http://api.aifory.example',
      AIFORY_API_SECRET: 'secret-value-not-to-print',
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^AIFORY_API_KEY: is required in production/),
        expect.stringMatching(/^AIFORY_WEBHOOK_SECRET: is required in production/),
        expect.stringMatching(/^AIFORY_OPERATOR_COOPNAME: is required in production/),
        'AIFORY_BASE_URL: must be https in production',
      ]),
    );
    expect(problems.join('\n')).not.toContain('secret-value-not-to-print');
    const bad = problemsOf({ AIFORY_API_SECRET: 'short secret' });
    expect(bad).toEqual([expect.stringMatching(/^AIFORY_API_SECRET: /)]);
    expect(bad[0]).not.toContain('short secret');
  });

  it('needs credentials with a real base URL outside production', () => {
    expect(problemsOf({ AIFORY_BASE_URL: 'http://127.0.0.1:9000' })).toEqual([
      expect.stringMatching(/^AIFORY_API_KEY: is required with AIFORY_BASE_URL/),
      expect.stringMatching(/^AIFORY_API_SECRET: is required with AIFORY_BASE_URL/),
    ]);
  });
});
