import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { MIGRATIONS_DIR } from '../../src/db/migrate.js';
import { testDatabaseUrl, testRedisUrl, uniqueName } from '../support/environment.js';
import { freePort, spawnServer } from '../support/server-process.js';
import type { ServerProcess } from '../support/server-process.js';
import { generateSecrets, secretsToEnv } from '../../src/infra/secrets/secrets.js';
import { loginRaw, registerRaw } from '../support/raw-member.js';
import { createTestDatabase } from '../support/test-database.js';
import type { TestDatabase } from '../support/test-database.js';

const EX_CONFIG = 78;
const ROOT = path.resolve(MIGRATIONS_DIR, '..', '..', '..', '..', '..');
const EX_TEMPFAIL = 75;

function journalEntries(): number {
  const journal = JSON.parse(
    readFileSync(path.join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8'),
  ) as {
    entries: unknown[];
  };
  return journal.entries.length;
}

/** Opens the data directory a stopped server left behind, as the next boot would. */
async function withEmbedded<T>(dataDir: string, use: (db: PGlite) => Promise<T>): Promise<T> {
  const db = await PGlite.create(dataDir);
  try {
    return await use(db);
  } finally {
    await db.close();
  }
}
const started: ServerProcess[] = [];
afterAll(async () => {
  await Promise.all(started.map((server) => server.stop()));
});

async function run(env: Record<string, string>): Promise<ServerProcess> {
  const server = await spawnServer(env);
  started.push(server);
  return server;
}

describe('the server process', () => {
  it('refuses to start on bad configuration and names every offending variable', async () => {
    const server = await run({ PORT: 'http', LOG_LEVEL: 'chatty', REDIS_URL: 'memcached://x' });
    expect(await server.exited).toBe(EX_CONFIG);
    const output = server.output();
    expect(output).toContain('Invalid configuration');
    for (const name of ['PORT', 'LOG_LEVEL', 'REDIS_URL']) expect(output).toContain(`${name}:`);
  });

  it('refuses development defaults in production', async () => {
    const server = await run({ NODE_ENV: 'production' });
    expect(await server.exited).toBe(EX_CONFIG);
    for (const name of [
      'SMTP_URL',
      'OPAQUE_SERVER_SETUP',
      'JWT_PRIVATE_KEYS',
      'MASTER_KEYS',
      'PUBLIC_URL',
    ]) {
      expect(server.output()).toContain(`${name}: is required in production`);
    }
  });

  it('on SIGTERM reports 503 while draining, then exits cleanly; the embedded data survives a restart', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'cardcoop-restart-'));
    const first = await run({ DATA_DIR: dataDir, SHUTDOWN_DRAIN_MS: '1500' });
    await first.waitUntilReady();
    first.child.kill('SIGTERM');
    await expect
      .poll(() => fetch(`${first.url}/health/ready`).then((r) => r.status), { timeout: 1000 })
      .toBe(503);
    expect(await first.exited).toBe(0);
    expect(first.output()).toContain('"msg":"stopped"');

    const marker = await withEmbedded(dataDir, async (db) => {
      const { rows } = await db.query<{ id: string }>(
        `insert into email_challenges (purpose, email_lookup, code_hash, expires_at)
         values ('registration', 'marker', 'marker', now()) returning id`,
      );
      return rows[0]!.id;
    });

    // Same data directory again: boots ready, applies nothing twice, keeps what was written.
    const second = await run({ DATA_DIR: dataDir });
    await second.waitUntilReady();
    expect(await second.stop()).toBe(0);
    await withEmbedded(dataDir, async (db) => {
      expect(
        (await db.query('select id from email_challenges where id = $1', [marker])).rows,
      ).toHaveLength(1);
      const { rows } = await db.query<{ count: number }>(
        'select count(*)::int as count from drizzle.__drizzle_migrations',
      );
      expect(rows[0]?.count).toBe(journalEntries());
    });
  });
});

describe('npm start', () => {
  it('runs the existing build without rebuilding, and SIGTERM to npm drains the server and exits 0', async () => {
    // `npm test` builds first; a stale build here would be rebuilt under the other tests' feet.
    const { fresh } = (await import(
      pathToFileURL(path.join(ROOT, 'scripts', 'build.js')).href
    )) as {
      fresh(): boolean;
    };
    if (!fresh()) throw new Error('the build is older than its sources: run npm run build first');
    const port = await freePort();
    const child = spawn('npm', ['start'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? tmpdir(),
        // Exported by some shells: the build must not turn into a development bundle (nor run).
        NODE_ENV: 'development',
        HOST: '127.0.0.1',
        PORT: String(port),
        DATA_DIR: mkdtempSync(path.join(tmpdir(), 'cardcoop-npm-start-')),
        SHUTDOWN_DRAIN_MS: '500',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    // Whatever fails below, no server is left running.
    onTestFinished(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL'); // npm and the server it started: one group
      } catch {
        // Already gone.
      }
    });
    await expect
      .poll(
        () =>
          fetch(`http://127.0.0.1:${port}/health/ready`).then(
            (r) => r.status,
            () => 0,
          ),
        {
          timeout: 60_000,
          interval: 200,
        },
      )
      .toBe(200);
    expect(output).not.toContain('Building CARD.COOP');
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toContain('"msg":"stopped"');
    // Nothing left behind listening on the port.
    expect(
      await fetch(`http://127.0.0.1:${port}/health/live`).then(
        (r) => r.status,
        () => 0,
      ),
    ).toBe(0);
  });
});

describe('one embedded DATA_DIR, one process', () => {
  it("refuses a second process on the folder, naming it and the holder; a killed holder's lock is taken over", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'cardcoop-shared-'));
    const first = await run({ DATA_DIR: dataDir });
    await first.waitUntilReady();
    const second = await run({ DATA_DIR: dataDir });
    expect(await second.exited).toBe(EX_TEMPFAIL);
    expect(second.output()).toContain(`DATA_DIR ${dataDir} is in use`);
    expect(second.output()).toContain(`pid ${first.child.pid}`);
    // The first one was not disturbed.
    expect((await fetch(`${first.url}/health/ready`)).status).toBe(200);

    first.child.kill('SIGKILL');
    await first.exited;
    const third = await run({ DATA_DIR: dataDir });
    await third.waitUntilReady();
    expect(await third.stop()).toBe(0);
  });
});

// Two nodes sharing one PostgreSQL and one Redis, the production topology.
describe.runIf(testDatabaseUrl && testRedisUrl)(
  'two nodes booting at once on PostgreSQL and Redis',
  () => {
    let database: TestDatabase;
    afterAll(async () => {
      await Promise.all(started.map((server) => server.stop()));
      await database?.drop();
    });

    it('refuses to start without shared keys, naming them: nodes must not invent their own', async () => {
      database = await createTestDatabase();
      const lone = await run({ DATABASE_URL: database.url!, REDIS_URL: testRedisUrl! });
      expect(await lone.exited).toBe(EX_CONFIG);
      for (const name of ['OPAQUE_SERVER_SETUP', 'JWT_PRIVATE_KEYS', 'MASTER_KEYS'])
        expect(lone.output()).toContain(`${name}: is required with DATABASE_URL`);
    });

    it('both become ready and the migrations are applied exactly once; a token of one is valid on the other', async () => {
      const env = {
        DATABASE_URL: database.url!,
        REDIS_URL: testRedisUrl!,
        CACHE_KEY_PREFIX: `${uniqueName('nodes')}:`,
        ...secretsToEnv(await generateSecrets()),
      };
      const nodes = await Promise.all([run(env), run(env)]);
      await Promise.all(nodes.map((node) => node.waitUntilReady()));
      for (const node of nodes) {
        expect(await (await fetch(`${node.url}/health/ready`)).json()).toEqual({
          status: 'ready',
          checks: { database: 'up', cache: 'up' },
        });
      }
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      const { rows } = await client.query<{ count: string }>(
        'select count(*) from drizzle.__drizzle_migrations',
      );
      await client.end();
      expect(Number(rows[0]?.count)).toBe(journalEntries());
      // Registered on one node (each on its own port), signed in on the other.
      const [a, b] = nodes as [ServerProcess, ServerProcess];
      const { tokens } = await registerRaw(a.url, 'two.nodes@coop.example', 'two nodes pw');
      const sessions = await fetch(`${b.url}/api/v1/sessions`, {
        headers: { authorization: `Bearer ${tokens.access_token}` },
      });
      expect(sessions.status).toBe(200);
      const login = await loginRaw(b.url, 'two.nodes@coop.example', 'two nodes pw');
      expect(login.response.status).toBe(200);
      await Promise.all(nodes.map((node) => node.stop()));
    });
  },
);
