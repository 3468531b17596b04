import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient } from '@cardcoop/sdk';
import type { MemberClient } from '@cardcoop/sdk';
import { createCoopSite } from '../../../../examples/coop-site/index.js';
import type { CoopSite, CoopSiteOptions } from '../../../../examples/coop-site/index.js';
import type { StoredMail } from '../../../server/src/modules/mail/dev-mailbox.js';
import { generateSecrets, secretsToEnv } from '../../../server/src/infra/secrets/secrets.js';
import {
  testDatabaseUrl,
  testRedisUrl,
  uniqueName,
} from '../../../server/test/support/environment.js';
import {
  latestCode,
  mailsTo,
  POLICY_VERSION,
  TEST_KSF,
} from '../../../server/test/support/raw-member.js';
import { freePort, spawnServer } from '../../../server/test/support/server-process.js';
import type { ServerProcess } from '../../../server/test/support/server-process.js';
import { createTestDatabase } from '../../../server/test/support/test-database.js';
import type { TestDatabase } from '../../../server/test/support/test-database.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
const SERVER_MAIN = path.join(ROOT, 'apps/server/dist/main.js');
const WEB_DIST = path.join(ROOT, 'apps/web/dist');

export type DevMail = StoredMail;

export interface AppServer {
  /** `http://localhost:<port>`: the server's PUBLIC_URL, where the browser opens the app. */
  url: string;
  /**
   * With `secondNode`: a second server process on the same PostgreSQL and Redis (another node
   * behind the same PUBLIC_URL), reached directly at this address.
   */
  secondUrl?: string;
  /** Bearer key of the admin API (`/api/v1/admin`). */
  adminApiKey: string;
  /** Every mail the server "sent" (the dev mailbox), newest first. */
  mailbox(): Promise<DevMail[]>;
  /** Mails to one address, newest first. */
  mailsTo(email: string): Promise<DevMail[]>;
  /** The six-digit code of the newest mail to `email` that has one. */
  latestCode(email: string): Promise<string>;
  /**
   * A new member registered over the SDK as any client would (cheap stretching for speed),
   * signed in on a client of its own.
   */
  registerMember(email: string, password: string): Promise<MemberClient>;
  /** The server's log so far. */
  output(): string;
  close(): Promise<void>;
}

export interface AppServerOptions {
  /** Extra environment of the server process (overrides the harness's). */
  env?: Record<string, string>;
  /** Also start a second node on the same database and cache (PostgreSQL and Redis mode). */
  secondNode?: boolean;
}

function requireBuild(): void {
  const missing = [SERVER_MAIN, path.join(WEB_DIST, 'index.html')].filter((f) => !existsSync(f));
  if (missing.length > 0) {
    const names = missing.map((file) => path.relative(ROOT, file)).join(' and ');
    throw new Error(
      `Browser tests run the built app, but ${names} is missing: run "npm run build".`,
    );
  }
}

/**
 * Starts the built server (`apps/server/dist/main.js`) as a child process, as production runs
 * it: a fresh embedded database in a temporary DATA_DIR, or a throwaway PostgreSQL database and
 * a Redis namespace of its own when TEST_DATABASE_URL / TEST_REDIS_URL are set.
 */
export async function startAppServer({
  env = {},
  secondNode = false,
}: AppServerOptions = {}): Promise<AppServer> {
  requireBuild();
  const scratch = mkdtempSync(path.join(tmpdir(), 'cardcoop-browser-'));
  const dataDir = path.join(scratch, 'data');
  const webDir = path.join(scratch, 'web');
  let database: TestDatabase | undefined;
  let server: ServerProcess | undefined;
  let second: ServerProcess | undefined;
  // Should the test process end without close(), the servers must not outlive it.
  const killOnExit = () => {
    server?.child.kill('SIGKILL');
    second?.child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  const close = async () => {
    process.off('exit', killOnExit);
    const killer = setTimeout(killOnExit, 15_000);
    try {
      await Promise.all([server?.stop(), second?.stop()]);
    } finally {
      clearTimeout(killer);
      await database?.drop();
      rmSync(scratch, { recursive: true, force: true });
    }
  };

  try {
    // A copy of the web build: a rebuild while the tests run must not pull the assets away.
    cpSync(WEB_DIST, webDir, { recursive: true });
    database = await createTestDatabase();
    // PostgreSQL mode is set up like a deployment, secrets given; embedded mode generates them
    // in DATA_DIR like a developer's first start.
    const secrets = testDatabaseUrl ? secretsToEnv(await generateSecrets()) : {};
    const port = await freePort();
    const url = `http://localhost:${port}`;
    const nodeEnv = {
      PUBLIC_URL: url,
      WEB_DIST_DIR: webDir,
      CACHE_KEY_PREFIX: `${uniqueName('web')}:`,
      // A page load is a dozen requests; the rate limiter has tests of its own.
      RATE_LIMIT_MAX: '100000',
      REALTIME_HANDSHAKES_PER_MINUTE: '100000',
      // A cooperative's read becomes the member's notice within about 2 s instead of a minute.
      READ_NOTICES_EVERY_SECONDS: '1',
      READ_NOTICES_SETTLE_SECONDS: '1',
      ...(database.url ? { DATABASE_URL: database.url } : {}),
      ...(testRedisUrl ? { REDIS_URL: testRedisUrl } : {}),
      ...secrets,
      ...env,
    };
    const running = await spawnServer({ PORT: String(port), DATA_DIR: dataDir, ...nodeEnv });
    server = running;
    await running.waitUntilReady(90_000);
    let secondUrl: string | undefined;
    if (secondNode) {
      if (!database.url || !testRedisUrl)
        throw new Error('A second node needs TEST_DATABASE_URL and TEST_REDIS_URL.');
      const secondPort = await freePort();
      second = await spawnServer({
        ...nodeEnv,
        PORT: String(secondPort),
        DATA_DIR: path.join(scratch, 'data-2'),
      });
      await second.waitUntilReady(90_000);
      secondUrl = `http://localhost:${secondPort}`;
    }
    const adminApiKey =
      env.ADMIN_API_KEY ?? secrets.ADMIN_API_KEY ?? readDevSecrets(dataDir).ADMIN_API_KEY;
    if (!adminApiKey) throw new Error('the server has no admin API key');

    return {
      url,
      ...(secondUrl ? { secondUrl } : {}),
      adminApiKey,
      async mailbox() {
        const response = await fetch(`${url}/api/v1/dev/mailbox`);
        if (!response.ok) throw new Error(`dev mailbox: ${response.status}`);
        return ((await response.json()) as { mails: DevMail[] }).mails;
      },
      mailsTo: (email) => mailsTo(url, email) as Promise<DevMail[]>,
      latestCode: (email) => mailedCode(url, email),
      registerMember: async (email, password) => {
        const client = createClient({ baseUrl: url, language: 'ru' });
        await client.auth.startRegistration({ email, privacyVersion: POLICY_VERSION });
        const session = await client.auth.completeRegistration({
          email,
          code: await latestCode(url, email),
          password,
          ksf: TEST_KSF,
        });
        const member = client.member(session);
        // The member saved the kit (as the registration screen records).
        await member.recoveryKit.confirm();
        return member;
      },
      output: running.output,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

function readDevSecrets(dataDir: string): Record<string, string | undefined> {
  return JSON.parse(readFileSync(path.join(dataDir, 'dev-secrets.json'), 'utf8')) as Record<
    string,
    string
  >;
}

/**
 * Starts `examples/coop-site` in this process against `server`: it provisions its cooperative
 * through the admin API. It listens on 127.0.0.1, another site than card.coop's `localhost`,
 * so cookies and SameSite behave as between two real sites.
 */
export async function startCoopSite(
  server: AppServer,
  options: CoopSiteOptions = {},
): Promise<CoopSite> {
  const stateDir = mkdtempSync(path.join(tmpdir(), 'coop-site-'));
  const site = await createCoopSite({
    cardcoopUrl: server.url,
    adminKey: server.adminApiKey,
    host: '127.0.0.1',
    port: 0,
    stateDir,
    log: () => {},
    ...options,
  });
  return {
    ...site,
    async close() {
      await site.close();
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

/**
 * The code last mailed to `email`, waiting up to 10 s for the first one: a test reads it right
 * after clicking the button that asks for it, before the request has necessarily arrived.
 */
async function mailedCode(url: string, email: string): Promise<string> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      return await latestCode(url, email);
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
