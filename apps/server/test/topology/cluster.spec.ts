import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TokenResponse } from '@cardcoop/contracts';
import { generateSecrets, secretsToEnv } from '../../src/infra/secrets/secrets.js';
import { REPLICA_MAX_LAG_MS, LAG_CHECK_EVERY_MS } from '../../src/db/replica-routing.js';
import { testDatabaseUrl, testRedisUrl } from '../support/environment.js';
import { startNginx } from '../support/nginx.js';
import type { PrivateNginx } from '../support/nginx.js';
import {
  startPrivatePostgres,
  startPrivateRedis,
  startPrivateReplica,
} from '../support/private-services.js';
import type { PrivatePostgres, PrivateRedis, PrivateReplica } from '../support/private-services.js';
import { fakeEnvelope, loginRaw, post, registerRaw } from '../support/raw-member.js';
import { closeTabs, connect, until } from '../support/realtime-tabs.js';
import { spawnServer } from '../support/server-process.js';
import type { ServerProcess } from '../support/server-process.js';
import {
  cardChanges,
  cardMeta,
  currentRevision,
  failures,
  report,
  statusesOf,
  writeLoad,
} from '../support/write-load.js';

// The deployment issue 16 asks for, as real processes: three nodes behind nginx (TRUST_PROXY=1),
// a PostgreSQL primary with a streaming replica (DATABASE_READ_URL), one Redis. What one node
// does — a session, a revocation, a rate-limit hit, a write — holds on every other node, and
// losing a node or the replica costs no acknowledged write and no error. Counts are printed.

const WORKERS = 4;
const RATE_LIMIT_MAX = 40;
const DRAIN_MS = 1500;
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Long enough for the nodes' lag checks to notice a replica past the allowed lag. */
const LAG_NOTICED_MS = REPLICA_MAX_LAG_MS + 2 * LAG_CHECK_EVERY_MS + 500;

/** One summary line per check in the test output. */
const say = (line: string) => process.stdout.write(`${line}\n`);

/** Requests nginx passed on to another node after one failed, since line `from` of its log. */
const resent = (nginx: PrivateNginx, from: number) =>
  nginx
    .accessLog()
    .slice(from)
    .filter((line) => line.includes(', ')).length;

let nextAddress = 0;
/** An address of its own for each client of a check (nginx passes it on as the client's). */
const client = () => {
  nextAddress += 1;
  return { 'x-forwarded-for': `10.20.${nextAddress >> 8}.${nextAddress & 255}` };
};

function get(url: string, path: string, token: string, headers = client()) {
  return fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}`, ...headers } });
}

async function putCard(url: string, token: string, revision: number, seed: string) {
  const response = await fetch(`${url}/api/v1/card`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...client() },
    body: JSON.stringify({ card: fakeEnvelope(seed), meta: cardMeta, expected_revision: revision }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { revision: number }).revision;
}

async function loginCount(url: string, token: string): Promise<number> {
  const response = await get(url, '/api/v1/activity/logins?limit=100', token);
  expect(response.status).toBe(200);
  return ((await response.json()) as { logins: unknown[] }).logins.length;
}

/**
 * A card write whose body arrives in two parts, `held` apart from the first: a request still in
 * flight on the node while it shuts down. Node's fetch cannot hold a body back; http can.
 */
function slowCardWrite(url: string, token: string, revision: number, released: Promise<void>) {
  const body = JSON.stringify({
    card: fakeEnvelope('slow'),
    meta: cardMeta,
    expected_revision: revision,
  });
  return new Promise<number>((resolve, reject) => {
    const req = request(`${url}/api/v1/card`, {
      method: 'PUT',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        ...client(),
      },
    });
    req.on('response', (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    req.on('error', reject);
    req.write(body.slice(0, 20));
    void released.then(() => req.end(body.slice(20)));
  });
}

describe.runIf(testDatabaseUrl && testRedisUrl)(
  'topology: 3 nodes behind nginx, primary + replica, Redis',
  () => {
    let primary: PrivatePostgres;
    let replica: PrivateReplica;
    let redis: PrivateRedis;
    let nodes: ServerProcess[];
    let nginx: PrivateNginx;
    let tokens: string[];
    /** Members of the checks that are not the write load. */
    let members: { email: string; tokens: TokenResponse }[];

    beforeAll(async () => {
      [primary, redis] = await Promise.all([startPrivatePostgres(), startPrivateRedis()]);
      await primary.query('create database cardcoop');
      replica = await startPrivateReplica(primary);
      const env = {
        DATABASE_URL: primary.url.replace(/\/postgres$/, '/cardcoop'),
        DATABASE_READ_URL: replica.url.replace(/\/postgres$/, '/cardcoop'),
        REDIS_URL: redis.url,
        ...secretsToEnv(await generateSecrets()),
        NODE_ENV: 'test',
        TRUST_PROXY: '1',
        RATE_LIMIT_MAX: String(RATE_LIMIT_MAX),
        SHUTDOWN_DRAIN_MS: String(DRAIN_MS),
      };
      // Node A migrates and registers the members alone: registration mails its code to the
      // dev mailbox of whichever node runs the mail job. B and C join afterwards.
      let started = Date.now();
      nodes = [await spawnServer(env)];
      await nodes[0]!.waitUntilReady(60_000);
      const migrated = Date.now() - started;
      started = Date.now();
      members = [];
      for (let i = 0; i < WORKERS + 6; i += 1) {
        const email = `topology${i}@coop.example`;
        const registered = await registerRaw(nodes[0]!.url, email, 'topology pw', client());
        const issued = await post(
          nodes[0]!.url,
          '/api/v1/card/issue',
          { card: fakeEnvelope('v1'), meta: cardMeta },
          registered.tokens.access_token,
          client(),
        );
        expect(issued.status).toBe(201);
        members.push({ email, tokens: registered.tokens });
      }
      const registered = Date.now() - started;
      started = Date.now();
      nodes.push(...(await Promise.all([spawnServer(env), spawnServer(env)])));
      await Promise.all(nodes.map((node) => node.waitUntilReady(60_000)));
      nginx = await startNginx(nodes.map((node) => Number(new URL(node.url).port)));
      say(
        `topology setup: node A ready in ${migrated} ms, ${members.length} members in ${registered} ms, B and C and nginx in ${Date.now() - started} ms`,
      );
      tokens = members.splice(0, WORKERS).map((member) => member.tokens.access_token);
    }, 180_000);

    afterAll(async () => {
      closeTabs();
      await nginx?.stop();
      await Promise.all((nodes ?? []).map((node) => node.stop()));
      await replica?.stop();
      await Promise.all([primary?.stop(), redis?.stop()]);
    });

    it('keeps a session, its refresh and its revocation consistent on every node', async () => {
      const [a, b, c] = nodes.map((node) => node.url) as [string, string, string];
      const { email } = members[0]!;
      const login = await loginRaw(a, email, 'topology pw', 'node A', client());
      expect(login.response.status).toBe(200);
      const first = login.json;
      const seen = [];
      for (const url of [b, c])
        seen.push((await get(url, '/api/v1/sessions', first.access_token)).status);
      // Refreshed on B, the new refresh token refreshed again on C, the result used on A.
      const onB = await post(
        b,
        '/api/v1/auth/refresh-token',
        { refresh_token: first.refresh_token },
        undefined,
        client(),
      );
      expect(onB.status).toBe(200);
      const second = (await onB.json()) as TokenResponse;
      const onC = await post(
        c,
        '/api/v1/auth/refresh-token',
        { refresh_token: second.refresh_token },
        undefined,
        client(),
      );
      expect(onC.status).toBe(200);
      const third = (await onC.json()) as TokenResponse;
      seen.push((await get(a, '/api/v1/sessions', third.access_token)).status);
      // Logout on A: the session's token is refused on B and C at once.
      const logout = await post(a, '/api/v1/auth/logout', {}, third.access_token, client());
      expect(logout.status).toBe(204);
      const afterLogout = [];
      for (const url of [b, c])
        afterLogout.push((await get(url, '/api/v1/sessions', third.access_token)).status);
      const refreshAfter = await post(
        b,
        '/api/v1/auth/refresh-token',
        { refresh_token: third.refresh_token },
        undefined,
        client(),
      );
      say(
        `topology session: token on B/C/A ${seen.join('/')}, refresh on B ${onB.status} then C ${onC.status}, after logout on A: token on B/C ${afterLogout.join('/')}, refresh on B ${refreshAfter.status}`,
      );
      expect(seen).toEqual([200, 200, 200]);
      expect(afterLogout).toEqual([401, 401]);
      expect(refreshAfter.status).toBe(401);
    });

    it('shares rate-limit counters between nodes', async () => {
      const address = client();
      const hit = async (url: string) =>
        await fetch(`${url}/api/v1/card`, { headers: address }).then((r) => r.status);
      // RATE_LIMIT_MAX requests spread over the nodes, each past a flush of the counters.
      const spread = [];
      for (let i = 0; i < RATE_LIMIT_MAX; i += 1) {
        spread.push(await hit(nodes[i % 3]!.url));
        await wait(60);
      }
      // A node learns the others' hits when it flushes its own (ADR 011): each node may let one
      // more through, before its flush brings the shared count; then every node refuses.
      const over = [];
      for (let round = 0; round < 2; round += 1)
        for (const node of nodes) {
          over.push(await hit(node.url));
          await wait(60);
        }
      const extra = over.filter((status) => status !== 429).length;
      say(
        `topology rate limit: ${RATE_LIMIT_MAX} spread over 3 nodes → ${spread.filter((s) => s !== 429).length} let through; then ${over.join(',')} (${extra} over the limit let through)`,
      );
      expect(spread.every((status) => status === 401)).toBe(true);
      expect(extra).toBeLessThanOrEqual(nodes.length);
      expect(over.slice(3)).toEqual([429, 429, 429]);
    });

    it('delivers a write on one node to sockets held by the others', async () => {
      const [a, b, c] = nodes.map((node) => node.url) as [string, string, string];
      const token = members[1]!.tokens.access_token;
      const onA = connect(a, token, client());
      const viaNginx = connect(nginx.url, token, client());
      await Promise.all([onA.opened, viaNginx.opened]);
      const revision = await putCard(b, token, await currentRevision(c, token), 'fan-out');
      const heard = (tab: typeof onA) =>
        tab.heard.some((event) => event.type === 'card.changed' && event.revision === revision);
      const latency = await until(() => heard(onA) && heard(viaNginx), 3000);
      say(
        `topology fan-out: write on B (revision ${revision}) heard on A and through nginx within ${Math.round(latency)} ms`,
      );
      expect(heard(onA) && heard(viaNginx)).toBe(true);
    });

    it('reads its writes on other nodes while the replica lags; only lag-tolerant reads trail', async () => {
      const [a, b, c] = nodes.map((node) => node.url) as [string, string, string];
      const { email, tokens: member } = members[2]!;
      const token = member.access_token;
      const loginsBefore = await loginCount(a, token);
      await replica.pauseReplay();
      try {
        // The card: written on A, read at once on B and C.
        const revision = await putCard(a, token, await currentRevision(a, token), 'ryw');
        const cards = [await currentRevision(b, token), await currentRevision(c, token)];
        // A session opened on A works at once on B and C; ended on A, refused at once there.
        const login = await loginRaw(a, email, 'topology pw', 'ryw', client());
        expect(login.response.status).toBe(200);
        const fresh = login.json.access_token;
        const opened = [
          (await get(b, '/api/v1/sessions', fresh)).status,
          (await get(c, '/api/v1/sessions', fresh)).status,
        ];
        // The sign-in history may trail: answered by the lagging replica, without the new one.
        const trailing = await loginCount(b, fresh);
        expect((await post(a, '/api/v1/auth/logout', {}, fresh, client())).status).toBe(204);
        const ended = [
          (await get(b, '/api/v1/sessions', fresh)).status,
          (await get(c, '/api/v1/sessions', fresh)).status,
        ];
        // Past the allowed lag the nodes read the history from the primary.
        await wait(LAG_NOTICED_MS);
        const caughtUp = [await loginCount(b, token), await loginCount(c, token)];
        say(
          `topology read-your-writes (replica paused): card revision ${revision} read on B/C as ${cards.join('/')}; new session on B/C ${opened.join('/')}, after logout ${ended.join('/')}; sign-ins ${loginsBefore} before, ${trailing} read at once (replica), ${caughtUp.join('/')} past the lag (primary)`,
        );
        expect(cards).toEqual([revision, revision]);
        expect(opened).toEqual([200, 200]);
        expect(ended).toEqual([401, 401]);
        expect(trailing).toBe(loginsBefore);
        expect(caughtUp).toEqual([loginsBefore + 1, loginsBefore + 1]);
      } finally {
        await replica.resumeReplay();
      }
    });

    it('answers every read without an error while the replica is down', async () => {
      const token = members[2]!.tokens.access_token;
      const expected = await loginCount(nginx.url, token);
      await replica.halt();
      const statuses = new Map<number, number>();
      let wrong = 0;
      try {
        for (let i = 0; i < 45; i += 1) {
          const response = await get(nginx.url, '/api/v1/activity/logins?limit=100', token);
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          if (response.status === 200) {
            const { logins } = (await response.json()) as { logins: unknown[] };
            if (logins.length !== expected) wrong += 1;
          } else await response.arrayBuffer();
        }
      } finally {
        await replica.resume();
      }
      say(
        `topology replica down: ${JSON.stringify(Object.fromEntries(statuses))} over 45 lag-tolerant reads through nginx, ${wrong} with other data than the primary's`,
      );
      expect(Object.fromEntries(statuses)).toEqual({ 200: 45 });
      expect(wrong).toBe(0);
    });

    it('loses no acknowledged write when a node is SIGKILLed under load, and nginx routes around it', async () => {
      const before = await cardChanges(primary);
      const logFrom = nginx.accessLog().length;
      let running = true;
      const load = writeLoad(nginx.url, tokens, () => running);
      await wait(1500);
      const victim = nodes[0]!;
      victim.child.kill('SIGKILL');
      await victim.exited;
      await wait(300);
      running = false;
      const during = await load;
      let after = true;
      const afterLoad = writeLoad(nginx.url, tokens, () => after);
      await wait(1500);
      after = false;
      const afterKill = await afterLoad;
      const changes = await cardChanges(primary);
      const persisted = changes.persisted - before.persisted;
      const acknowledged = during.acknowledged + afterKill.acknowledged;
      report('topology SIGKILL (until the kill)', during, `, 5xx/no answer ${failures(during)}`);
      report(
        'topology SIGKILL (after)',
        afterKill,
        `, 5xx/no answer ${failures(afterKill)}; acknowledged ${acknowledged} vs persisted ${persisted}, audited ${changes.audited - before.audited}; nginx passed ${resent(nginx, logFrom)} requests on to another node`,
      );
      expect(during.acknowledged).toBeGreaterThan(0);
      expect(afterKill.acknowledged).toBeGreaterThan(0);
      // Every acknowledged write is there; at most the ones in flight at the kill committed
      // without their answer; none without its audit event.
      expect(persisted).toBeGreaterThanOrEqual(acknowledged);
      expect(persisted - acknowledged).toBeLessThanOrEqual(WORKERS);
      expect(changes.audited).toBe(changes.persisted);
      // In flight at the kill: nginx resends a PUT to the next node (it is idempotent for nginx,
      // and the revision check makes it so); afterwards nothing fails.
      expect(failures(during)).toBeLessThanOrEqual(WORKERS);
      expect(failures(afterKill)).toBe(0);
      expect(statusesOf(afterKill)[200]).toBe(afterKill.acknowledged);
    });

    it('drains a node on SIGTERM: in-flight requests finish, nginx moves on, nothing fails', async () => {
      const node = nodes[1]!;
      const slowMembers = members.slice(3, 6).map((member) => member.tokens.access_token);
      let release = () => {};
      const released = new Promise<void>((resolve) => (release = resolve));
      const revisions = await Promise.all(
        slowMembers.map((token) => currentRevision(node.url, token)),
      );
      const slow = slowMembers.map((token, i) =>
        slowCardWrite(node.url, token, revisions[i]!, released),
      );
      const logFrom = nginx.accessLog().length;
      let running = true;
      const load = writeLoad(nginx.url, tokens, () => running);
      await wait(500);
      node.child.kill('SIGTERM');
      await wait(200);
      const readiness = await fetch(`${node.url}/health/ready`);
      const draining = ((await readiness.json()) as { status: string }).status;
      // Past the drain period the node stops listening; the slow writes are still in flight.
      await wait(DRAIN_MS + 500);
      const stillRunning = node.child.exitCode === null;
      release();
      const finished = await Promise.all(slow);
      const exitCode = await node.exited;
      await wait(1000);
      running = false;
      const tally = await load;
      report(
        'topology SIGTERM',
        tally,
        `, 5xx/no answer ${failures(tally)}; readiness while draining ${readiness.status} ${draining}; slow in-flight writes ${finished.join('/')}; exit code ${exitCode}; nginx passed ${resent(nginx, logFrom)} requests on to another node`,
      );
      expect(readiness.status).toBe(503);
      expect(draining).toBe('draining');
      expect(stillRunning).toBe(true);
      expect(finished).toEqual([200, 200, 200]);
      expect(exitCode).toBe(0);
      expect(failures(tally)).toBe(0);
      expect(tally.acknowledged).toBeGreaterThan(0);
    });
  },
);
