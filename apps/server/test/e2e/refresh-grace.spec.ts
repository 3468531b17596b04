import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenResponseSchema } from '@cardcoop/contracts';
import type { TokenResponse } from '@cardcoop/contracts';
import { DATABASE } from '../../src/db/database.module.js';
import type { Database } from '../../src/db/database.js';
import { ServerCrypto } from '../../src/infra/crypto/server-crypto.js';
import { REFRESH_GRACE_MS } from '../../src/modules/sessions/sessions.service.js';
import { loginRaw, post, registerRaw } from '../support/raw-member.js';
import { startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

// The refresh grace window (protocol.md, "Tokens and sessions") answers a spent token presented
// again shortly after with the same successor: a retry or a second tab, never a second chain.
let server: TestApp;
const EMAIL = 'grace.member@coop.example';
const PASSWORD = 'grace member password';

beforeAll(async () => {
  server = await startTestApp();
  await registerRaw(server.url, EMAIL, PASSWORD);
});
afterAll(() => server.close());

async function login(): Promise<TokenResponse> {
  const { response, json } = await loginRaw(server.url, EMAIL, PASSWORD);
  expect(response.status).toBe(200);
  return tokenResponseSchema.parse(json);
}

const refresh = (token: string | undefined) =>
  post(server.url, '/api/v1/auth/refresh-token', { refresh_token: token });

async function refreshed(token: string | undefined): Promise<TokenResponse> {
  const response = await refresh(token);
  expect(response.status).toBe(200);
  return tokenResponseSchema.parse(await response.json());
}

async function expectRevoked(token: string | undefined): Promise<void> {
  const response = await refresh(token);
  expect(response.status).toBe(401);
  expect(((await response.json()) as { code: string }).code).toBe('SESSION_REVOKED');
}

const sessionsWith = (access: string) =>
  fetch(`${server.url}/api/v1/sessions`, { headers: { authorization: `Bearer ${access}` } });

const hashOf = (token: string | undefined) =>
  createHash('sha256').update(token!).digest('base64url');

/** Makes a spent token's spending look older than the grace window: no waiting out 30 s. */
async function pastGrace(token: string | undefined): Promise<void> {
  const hash = hashOf(token);
  const ms = REFRESH_GRACE_MS + 1000;
  await server.app.get<Database>(DATABASE).primary.execute(sql`
    update refresh_tokens set spent_at = spent_at - make_interval(secs => ${ms / 1000})
    where hash = ${hash} and spent_at is not null`);
}

describe('refresh token grace window', () => {
  it('answers a replay within the window with the same successor and a fresh access token', async () => {
    const tokens = await login();
    const first = await refreshed(tokens.refresh_token);
    const again = await refreshed(tokens.refresh_token);
    expect(again.refresh_token).toBe(first.refresh_token);
    expect(again.access_token).not.toBe(first.access_token);
    expect(again.session_id).toBe(tokens.session_id);
    expect((await sessionsWith(again.access_token)).status).toBe(200);
    // The chain goes on from that one successor.
    const next = await refreshed(first.refresh_token);
    expect(next.refresh_token).not.toBe(first.refresh_token);
    expect((await sessionsWith(next.access_token)).status).toBe(200);
  });

  it('gives a replaying attacker no chain of its own: its later use of the shared successor revokes the session', async () => {
    const stolen = await login();
    const owner1 = await refreshed(stolen.refresh_token);
    // The attacker replays the stolen token within the window: the owner's successor, not a new one.
    const attacker = await refreshed(stolen.refresh_token);
    expect(attacker.refresh_token).toBe(owner1.refresh_token);
    // The owner moves on; the attacker comes back with its copy later.
    const owner2 = await refreshed(owner1.refresh_token);
    await pastGrace(owner1.refresh_token);
    await expectRevoked(attacker.refresh_token);
    await expectRevoked(owner2.refresh_token);
    expect((await sessionsWith(owner2.access_token)).status).toBe(401);
  });

  it('treats a replay as reuse once the successor was spent, even within the window', async () => {
    const stolen = await login();
    const owner1 = await refreshed(stolen.refresh_token);
    const owner2 = await refreshed(owner1.refresh_token);
    await expectRevoked(stolen.refresh_token);
    await expectRevoked(owner2.refresh_token);
  });

  it('lets 10 parallel refreshes with one token all succeed with one successor; the session lives on', async () => {
    const tokens = await login();
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => refresh(tokens.refresh_token)),
    );
    expect(answers.map((a) => a.status)).toEqual(Array<number>(10).fill(200));
    const pairs = await Promise.all(
      answers.map(async (a) => tokenResponseSchema.parse(await a.json())),
    );
    const successors = new Set(pairs.map((p) => p.refresh_token));
    expect(successors.size).toBe(1);
    expect(successors.has(tokens.refresh_token)).toBe(false);
    for (const pair of pairs) expect((await sessionsWith(pair.access_token)).status).toBe(200);
    const next = await refreshed(pairs[0]!.refresh_token);
    expect((await sessionsWith(next.access_token)).status).toBe(200);
  });

  it('keeps the successor so that the database and MASTER_KEYS together do not reveal it', async () => {
    const tokens = await login();
    const first = await refreshed(tokens.refresh_token);
    const hash = hashOf(tokens.refresh_token);
    const result = (await server.app.get<Database>(DATABASE).primary.execute(sql`
      select successor_sealed from refresh_tokens where hash = ${hash}`)) as unknown as {
      rows: { successor_sealed: string | null }[];
    };
    const sealed = result.rows[0]!.successor_sealed!;
    expect(sealed).not.toContain(first.refresh_token!);
    // The server's keys open the seal, but what is inside is masked by the spent token.
    const opened = server.app.get(ServerCrypto).openBytes('refresh', sealed, `refresh:${hash}`);
    expect(opened).toHaveLength(32);
    expect(Buffer.from(opened).toString('base64url')).not.toBe(first.refresh_token);
    // With the spent token, within the window, the server unmasks it.
    expect((await refreshed(tokens.refresh_token)).refresh_token).toBe(first.refresh_token);
  });

  it('revokes the session for a replay after the window, also when the successor was never used', async () => {
    const tokens = await login();
    const first = await refreshed(tokens.refresh_token);
    await pastGrace(tokens.refresh_token);
    await expectRevoked(tokens.refresh_token);
    await expectRevoked(first.refresh_token);
    expect((await sessionsWith(first.access_token)).status).toBe(401);
  });
});
