import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { CoopToken, IndividualCard } from '@cardcoop/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login } from '../../../../packages/sdk/src/auth/login.js';
import { fetchSharedData, openSharedData } from '../../../../packages/sdk/src/coop/index.js';
import type { DataKeyPair } from '../../../../packages/sdk/src/coop/index.js';
import { HttpClient } from '../../../../packages/sdk/src/http.js';
import { createMemberClient } from '../../../../packages/sdk/src/member/member-client.js';
import { anna } from '../../../../packages/sdk/src/testing/card-fixtures.js';
import {
  CHEAP_KSF,
  errorCode,
  PASSWORD,
  register,
  uniqueEmail,
  Wire,
} from '../../../../packages/sdk/src/testing/member-fixture.js';
import type { TestApp } from '../../../../packages/sdk/src/testing/member-fixture.js';
import {
  shareAndExchange,
  sharingCooperative,
} from '../../../../packages/sdk/src/testing/sharing-scene.js';
import { generateSecrets, secretsToEnv } from '../../src/infra/secrets/secrets.js';
import type { ServerSecrets } from '../../src/infra/secrets/secrets.js';
import { testDatabaseUrl, testRedisUrl } from '../support/environment.js';
import { startPrivatePostgres, startPrivateRedis } from '../support/private-services.js';
import type { PrivatePostgres, PrivateRedis } from '../support/private-services.js';
import { spawnServer } from '../support/server-process.js';
import type { ServerProcess } from '../support/server-process.js';

// Disaster recovery as an operator runs it: the built server on a PostgreSQL of its own, a member
// with a card sealed on the device and a cooperative holding a share; then the server and Redis
// stop, deploy/backup/backup.sh dumps the database, the database is dropped, restore.sh brings it
// back, and a new server with the same key material must serve the member and the cooperative as
// before. Key material is not in the dump: restored under other keys, logins are refused (not 500).

const execFileAsync = promisify(execFile);
const SCRIPTS = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../deploy/backup',
);
const COOPNAME = 'backupcoop';
const REDIRECT_URI = 'https://backup.example/cardcoop/callback';
const FIELDS = ['first_name', 'last_name', 'phone'];
const card: IndividualCard = anna;

/** A script of deploy/backup: its exit code and what it printed. */
async function script(name: string, args: string[], databaseUrl: string) {
  return execFileAsync(path.join(SCRIPTS, name), args, {
    env: { PATH: process.env.PATH ?? '', DATABASE_URL: databaseUrl },
  }).then(
    ({ stdout, stderr }) => ({ code: 0, output: stdout + stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({
      code: error.code,
      output: error.stdout + error.stderr,
    }),
  );
}

/** Rows per table of the public schema, exactly. */
async function rowCounts(postgres: PrivatePostgres, database: string) {
  const { rows } = await postgres.query(
    `select table_name from information_schema.tables
     where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
    database,
  );
  const names = rows.map((row: { table_name: string }) => row.table_name);
  const { rows: counts } = await postgres.query(
    names
      .map((name) => `select '${name}' as t, count(*)::int as n from "${name}"`)
      .join(' union all '),
    database,
  );
  return Object.fromEntries(counts.map((row: { t: string; n: number }) => [row.t, row.n]));
}

/**
 * The SDK scene helpers take an in-process TestApp but read only its URL and admin API key,
 * which the spawned server has too.
 */
const asTestApp = (server: ServerProcess, secrets: ServerSecrets) =>
  ({ url: server.url, secrets }) as TestApp;

describe.runIf(testDatabaseUrl && testRedisUrl)('backup, wipe and restore (real processes)', () => {
  let postgres: PrivatePostgres;
  let redis: PrivateRedis;
  let server: ServerProcess | undefined;
  let secrets: ServerSecrets;
  let env: (database: string, keys: ServerSecrets) => Record<string, string>;
  let backups: string;
  const coopWire = new Wire();
  const email = uniqueEmail('restored');
  let dataKey: DataKeyPair;
  let clientSecret: string;
  let coopToken: CoopToken;
  let dump: string;
  let before: Record<string, number>;

  /** The cooperative as the running server knows it. */
  const cooperative = () => ({
    baseUrl: server!.url,
    coopname: COOPNAME,
    clientSecret,
    fetch: coopWire.fetch,
  });

  /** The cooperative reads the member's share with the token it was given, and opens it. */
  async function coopReads(url: string, token = coopToken) {
    const data = await fetchSharedData({
      baseUrl: url,
      token: token.access_token,
      username: token.username,
      coopname: COOPNAME,
      fetch: coopWire.fetch,
    });
    return openSharedData({
      envelope: data.envelope,
      dataPrivateKey: dataKey.privateKey,
      coopname: COOPNAME,
      username: token.username,
    });
  }

  beforeAll(async () => {
    [postgres, redis] = await Promise.all([startPrivatePostgres(), startPrivateRedis()]);
    backups = mkdtempSync(path.join(tmpdir(), 'cardcoop-backups-'));
    await postgres.query('create database cardcoop');
    secrets = await generateSecrets();
    env = (database, keys) => ({
      DATABASE_URL: postgres.url.replace(/\/postgres$/, `/${database}`),
      REDIS_URL: redis.url,
      ...secretsToEnv(keys),
      NODE_ENV: 'test',
      SHUTDOWN_DRAIN_MS: '0',
      TRUST_PROXY: 'true',
    });
    server = await spawnServer(env('cardcoop', secrets));
    await server.waitUntilReady();
    const app = asTestApp(server, secrets);

    const wire = new Wire();
    const registered = await register(
      app,
      new HttpClient({ baseUrl: server.url, fetch: wire.fetch }),
      {
        email,
        password: PASSWORD,
        ksf: CHEAP_KSF,
      },
    );
    const member = createMemberClient({
      baseUrl: server.url,
      fetch: wire.fetch,
      tokens: registered.tokens,
      userKey: registered.userKey,
    });
    await member.card.issue(card);
    ({ clientSecret, dataKey } = await sharingCooperative(app, coopWire, {
      coopname: COOPNAME,
      display_name: 'ПК Резерв',
      redirect_uri: REDIRECT_URI,
      requested_fields: FIELDS,
    }));
    coopToken = await shareAndExchange(member, cooperative(), REDIRECT_URI, FIELDS);
    expect((await coopReads(server.url)).fields).toEqual({
      first_name: card.first_name,
      last_name: card.last_name,
      phone: card.phone,
    });
    member.session.close();
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await Promise.all([postgres?.stop(), redis?.stop()]);
    if (backups) rmSync(backups, { recursive: true, force: true });
  });

  it('dumps with a checksum, refuses to restore over data or a changed file, and restores all rows', async () => {
    // The disaster: the node and the cache go, then the database. Counted once the node is
    // stopped: its job queue changes rows while it runs.
    await server!.stop();
    server = undefined;
    await redis.stop();
    before = await rowCounts(postgres, 'cardcoop');
    const url = postgres.url.replace(/\/postgres$/, '/cardcoop');

    // Three older backups: with --keep 3 the oldest goes, only once the new one is written.
    const older = ['20261101', '20261102', '20261103'].map((day) => `cardcoop-${day}T000000Z.dump`);
    for (const name of older) {
      writeFileSync(path.join(backups, name), 'old');
      writeFileSync(path.join(backups, `${name}.sha256`), 'old');
    }
    const backup = await script('backup.sh', ['--dir', backups, '--keep', '3'], url);
    expect(backup.code, backup.output).toBe(0);
    dump = /wrote (\S+\.dump)/.exec(backup.output)![1]!;
    process.stdout.write(backup.output);
    expect(readdirSync(backups).sort()).toEqual(
      [...older.slice(1), path.basename(dump)].flatMap((name) => [name, `${name}.sha256`]),
    );

    const overData = await script('restore.sh', [dump], url);
    expect(overData.code, overData.output).toBe(4);

    const tampered = path.join(backups, 'tampered.dump');
    writeFileSync(tampered, 'not a dump');
    writeFileSync(`${tampered}.sha256`, `${'0'.repeat(64)}  tampered.dump\n`);
    expect((await script('restore.sh', [tampered], url)).code).toBe(5);

    await postgres.query('drop database cardcoop');
    await postgres.query('create database cardcoop');
    const restored = await script('restore.sh', [dump], url);
    process.stdout.write(restored.output);
    expect(restored.code, restored.output).toBe(0);
    expect(restored.output).toContain('migrations: ');

    const after = await rowCounts(postgres, 'cardcoop');
    const nonEmpty = Object.entries(before).filter(([, rows]) => rows > 0);
    process.stdout.write(
      `backup-restore: ${Object.keys(before).length} tables, rows before/after: ${nonEmpty
        .map(([table, rows]) => `${table} ${rows}/${after[table]}`)
        .join(', ')}\n`,
    );
    expect(after).toEqual(before);
    for (const table of ['users', 'cards', 'cooperatives', 'grants'])
      expect(before[table], table).toBeGreaterThan(0);
  }, 60_000);

  it('serves the member and the cooperative from the restored database with the same keys', async () => {
    await redis.start();
    server = await spawnServer(env('cardcoop', secrets));
    await server.waitUntilReady();

    const wire = new Wire();
    const http = new HttpClient({ baseUrl: server.url, fetch: wire.fetch });
    const outcome = await login(http, { email, password: PASSWORD });
    if (outcome.status !== 'authenticated') throw new Error(`login: ${outcome.status}`);
    const member = createMemberClient({
      baseUrl: server.url,
      fetch: wire.fetch,
      tokens: outcome.session.tokens,
      userKey: outcome.session.userKey,
    });
    // Opened on the device with the key the password unwraps: the same plaintext.
    expect((await member.card.get()).data).toEqual(card);

    // The token issued before the backup still reads the share, which the cooperative opens.
    const expected = { first_name: card.first_name, last_name: card.last_name, phone: card.phone };
    expect((await coopReads(server.url)).fields).toEqual(expected);
    // Its client secret (kept by the cooperative, hashed in the dump) exchanges a new share.
    const fresh = await shareAndExchange(member, cooperative(), REDIRECT_URI, FIELDS);
    expect((await coopReads(server.url, fresh)).fields).toEqual(expected);
    member.session.close();
    await server.stop();
    server = undefined;
  }, 120_000);

  it.each([
    [
      'another OPAQUE setup',
      (other: ServerSecrets) => ({ ...secrets, opaqueServerSetup: other.opaqueServerSetup }),
    ],
    ['other master keys', (other: ServerSecrets) => ({ ...secrets, masterKeys: other.masterKeys })],
  ])(
    'refuses the login (INVALID_CREDENTIALS, no 5xx) when restored under %s',
    async (_, keys) => {
      const url = postgres.url.replace(/\/postgres$/, '/cardcoop_other');
      // Empty the first time; the second time it holds the first try's restore, which --force drops.
      await postgres.query('create database cardcoop_other').catch(() => undefined);
      const { rows } = await postgres.query(
        `select count(*)::int as tables from pg_tables where schemaname = 'public'`,
        'cardcoop_other',
      );
      const restored = await script('restore.sh', ['--force', dump], url);
      expect(restored.code, restored.output).toBe(0);
      expect(restored.output.includes('dropped and recreated')).toBe(rows[0].tables > 0);
      server = await spawnServer(env('cardcoop_other', keys(await generateSecrets())));
      await server.waitUntilReady();

      const wire = new Wire();
      const http = new HttpClient({ baseUrl: server.url, fetch: wire.fetch });
      expect(await errorCode(login(http, { email, password: PASSWORD }))).toBe(
        'INVALID_CREDENTIALS',
      );
      const statuses = wire.requests.map((request) => request.status);
      expect(statuses.length).toBeGreaterThan(0);
      expect(statuses.every((status) => status !== undefined && status < 500)).toBe(true);
      // The share was sealed to the cooperative's key, not the server's: still readable.
      expect((await coopReads(server.url)).fields).toMatchObject({ first_name: card.first_name });
      await server.stop();
      server = undefined;
    },
    120_000,
  );
});
