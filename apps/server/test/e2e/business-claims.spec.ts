import { Readable } from 'node:stream';
import { PrivateKey } from '@wharfkit/antelope';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  chainVerificationSchema,
  claimListSchema,
  connectedCooperativeSchema,
  cooperativeClaimSchema,
  ownershipProofPayload,
} from '@cardcoop/contracts';
import { signObject, verifySignedObject } from '@cardcoop/sdk';
import { signOwnershipProof } from '@cardcoop/sdk/business';
import { proveOwnership } from '../../src/coop-prove.js';
import { DATABASE } from '../../src/db/database.module.js';
import type { Database } from '../../src/db/database.js';
import {
  CooperativesService,
  hashClientSecret,
} from '../../src/modules/cooperatives/cooperatives.service.js';
import { startAntelopeNode } from '../support/antelope-node.js';
import type { AntelopeNode } from '../support/antelope-node.js';
import { mailsTo, registerRaw } from '../support/raw-member.js';
import { startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

// Connecting a cooperative oneself and proving its ownership: by a K1 signature of a key of the
// chain account's active/owner permission, or by the platform admin's approval. Until then the
// integration is a test one (localhost only), and a squatter of a name cannot keep it.
let node: AntelopeNode;
let chain: TestApp;
let plain: TestApp;
const ownerKey = PrivateKey.generate('K1');
const activeKey = PrivateKey.generate('K1');
const specialKey = PrivateKey.generate('K1');
const otherAccountKey = PrivateKey.generate('K1');
const strangerKey = PrivateKey.generate('K1');
const pub = (key: PrivateKey) => key.toPublic().toString();

interface Answer {
  status: number;
  body: Record<string, unknown> & { code?: string };
}

async function call(
  server: TestApp,
  method: string,
  path: string,
  token?: string,
  body?: unknown,
): Promise<Answer> {
  const response = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : {} };
}

const db = (server: TestApp) => server.app.get<Database>(DATABASE).primary;
const rows = async <T>(server: TestApp, query: ReturnType<typeof sql>) =>
  ((await db(server).execute(query)) as unknown as { rows: T[] }).rows;

interface Member {
  email: string;
  token: string;
  userId: string;
}
let counter = 0;
async function member(server: TestApp, name: string): Promise<Member> {
  const email = `${name}.${++counter}@claims.example`;
  const { tokens } = await registerRaw(server.url, email, `${name} password`);
  const claims = JSON.parse(
    Buffer.from(tokens.access_token.split('.')[1]!, 'base64url').toString(),
  );
  return { email, token: tokens.access_token, userId: (claims as { sub: string }).sub };
}

const connect = (server: TestApp, who: Member, coopname: string) =>
  call(server, 'POST', '/business/cooperatives', who.token, {
    coopname,
    display_name: `ПК ${coopname}`,
  });
const challengeOf = async (server: TestApp, who: Member, coopname: string) => {
  const answer = await call(
    server,
    'POST',
    `/business/cooperatives/${coopname}/verification/challenge`,
    who.token,
  );
  expect(answer.status).toBe(200);
  return answer.body.challenge as string;
};
const prove = (server: TestApp, who: Member, coopname: string, proof: unknown) =>
  call(server, 'POST', `/business/cooperatives/${coopname}/verification/chain`, who.token, proof);
const staffOf = (server: TestApp, coopname: string) =>
  rows<{ user_id: string; role: string }>(
    server,
    sql`select user_id, role from cooperative_staff where coopname = ${coopname} order by user_id`,
  );
const eventsOf = (server: TestApp, userId: string) =>
  rows<{ type: string; data: Record<string, unknown> }>(
    server,
    sql`select type, data from audit_events where subject_id = ${userId} order by seq`,
  );
const adminKey = (server: TestApp) => server.secrets.adminApiKey;

beforeAll(async () => {
  node = await startAntelopeNode({
    participants: {},
    accounts: {
      realcoop: { owner: [pub(ownerKey)], active: [pub(activeKey)], special: [pub(specialKey)] },
      othercoop: { owner: [pub(otherAccountKey)], active: [pub(otherAccountKey)] },
      solocoop: { owner: [pub(ownerKey)], active: [pub(activeKey)] },
    },
  });
  [chain, plain] = await Promise.all([
    startTestApp({ env: { CHAIN_RPC_URL: node.url } }),
    startTestApp(),
  ]);
});
afterAll(async () => {
  await Promise.all([chain?.close(), plain?.close()]);
  await node?.close();
});

describe('connecting a cooperative', () => {
  it('makes an unverified integration with the caller as owner, the secret shown once, audited', async () => {
    const anna = await member(chain, 'anna');
    const answer = await connect(chain, anna, 'annacoop');
    expect(answer.status).toBe(201);
    const connected = connectedCooperativeSchema.parse(answer.body);
    expect(connected.cooperative).toMatchObject({
      coopname: 'annacoop',
      display_name: 'ПК annacoop',
      verified_at: null,
      verified_via: null,
      claim: null,
    });
    expect(connected.client_id).toBe('annacoop');
    const [row] = await rows<Record<string, unknown>>(
      chain,
      sql`select status, level, origins, redirect_uris, client_secret_hash from cooperatives where coopname = 'annacoop'`,
    );
    expect(row).toMatchObject({
      status: 'active',
      level: 'basic',
      origins: [],
      redirect_uris: [],
      client_secret_hash: hashClientSecret(connected.client_secret),
    });
    expect(await staffOf(chain, 'annacoop')).toEqual([{ user_id: anna.userId, role: 'owner' }]);
    expect((await eventsOf(chain, anna.userId)).map((event) => event.type)).toContain(
      'cooperative.connected',
    );
    const status = await call(
      chain,
      'GET',
      '/business/cooperatives/annacoop/verification',
      anna.token,
    );
    expect(status.body).toMatchObject({ verified_at: null, claim: null });
  });

  it('refuses a taken name: verified, or unverified and someone else’s (409 COOPNAME_TAKEN)', async () => {
    const [boris, vera] = [await member(chain, 'boris'), await member(chain, 'vera')];
    await chain.app
      .get(CooperativesService)
      .create({ coopname: 'platformcoop', displayName: 'ПК Платформы' });
    expect((await connect(chain, boris, 'platformcoop')).body.code).toBe('COOPNAME_TAKEN');
    expect((await connect(chain, boris, 'boriscoop')).status).toBe(201);
    const taken = await connect(chain, vera, 'boriscoop');
    expect([taken.status, taken.body.code]).toEqual([409, 'COOPNAME_TAKEN']);
    expect(await staffOf(chain, 'boriscoop')).toEqual([{ user_id: boris.userId, role: 'owner' }]);
    expect((await connect(chain, vera, 'Not A Name')).status).toBe(422);
    expect(
      (await call(chain, 'POST', '/business/cooperatives', undefined, { coopname: 'x' })).status,
    ).toBe(401);
  });

  it('lets a member hold at most 5 unverified integrations (422 UNVERIFIED_LIMIT)', async () => {
    const gleb = await member(chain, 'gleb');
    for (const n of [1, 2, 3, 4, 5])
      expect((await connect(chain, gleb, `gleb${n}`)).status).toBe(201);
    const sixth = await connect(chain, gleb, 'gleb11');
    expect([sixth.status, sixth.body.code]).toEqual([422, 'UNVERIFIED_LIMIT']);
    expect(await staffOf(chain, 'gleb11')).toEqual([]);
  });
});

describe('an unverified cooperative is a test integration', () => {
  it('saves only localhost origins and redirect URIs (422 NOT_VERIFIED), the admin API included', async () => {
    const dina = await member(chain, 'dina');
    await connect(chain, dina, 'dinacoop');
    const service = chain.app.get(CooperativesService);
    const revision = (await service.get('dinacoop')).revision;
    await expect(
      service.update('dinacoop', revision, { redirectUris: ['https://dina.example/callback'] }),
    ).rejects.toMatchObject({ code: 'NOT_VERIFIED', statusCode: 422 });
    await expect(
      service.update('dinacoop', revision, { origins: ['https://dina.example'] }),
    ).rejects.toMatchObject({ code: 'NOT_VERIFIED' });
    const patched = await fetch(`${chain.url}/api/v1/admin/cooperatives/dinacoop`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${adminKey(chain)}` },
      body: JSON.stringify({ expected_revision: revision, origins: ['https://dina.example'] }),
    });
    expect(patched.status).toBe(422);
    expect(((await patched.json()) as { code: string; message: string }).code).toBe('NOT_VERIFIED');
    const saved = await service.update('dinacoop', revision, {
      origins: ['http://localhost:5173', 'http://127.0.0.1:8080', 'http://[::1]:3000'],
      redirectUris: ['http://localhost:5173/callback'],
    });
    expect(saved.redirectUris).toEqual(['http://localhost:5173/callback']);
    // Settings that name no target save as before.
    await service.update('dinacoop', saved.revision, { displayName: 'ПК Дины' });
  });

  it('refuses a real redirect at connect time even if the database holds one', async () => {
    const egor = await member(chain, 'egor');
    await connect(chain, egor, 'egorcoop');
    await db(chain).execute(
      sql`update cooperatives set redirect_uris = array['https://egor.example/cb', 'http://localhost:4000/cb'], origins = array['https://egor.example'] where coopname = 'egorcoop'`,
    );
    const target = (redirect: string, mode = 'query') =>
      call(
        chain,
        'GET',
        `/access/connect/egorcoop?redirect_uri=${encodeURIComponent(redirect)}&response_mode=${mode}`,
      );
    const refused = await target('https://egor.example/cb');
    expect([refused.status, refused.body.code]).toEqual([422, 'NOT_VERIFIED']);
    expect(String(refused.body.message)).toMatch(/prove ownership|Докажите владение/);
    expect((await target('https://egor.example', 'web_message')).body.code).toBe('NOT_VERIFIED');
    expect((await target('http://localhost:4000/cb')).status).toBe(200);
    await db(chain).execute(
      sql`update cooperatives set verified_at = now(), verified_via = 'admin' where coopname = 'egorcoop'`,
    );
    expect((await target('https://egor.example/cb')).status).toBe(200);
  });

  it('is not offered to members in the list of cooperatives to join until it is verified', async () => {
    const fedor = await member(chain, 'fedor');
    await connect(chain, fedor, 'fedorcoop');
    const listed = async () =>
      (
        (await call(chain, 'GET', '/cooperatives', fedor.token)).body.cooperatives as {
          coopname: string;
        }[]
      ).map((cooperative) => cooperative.coopname);
    expect(await listed()).not.toContain('fedorcoop');
    await db(chain).execute(
      sql`update cooperatives set verified_at = now(), verified_via = 'admin' where coopname = 'fedorcoop'`,
    );
    expect(await listed()).toContain('fedorcoop');
  });
});

describe('proof by chain', () => {
  let squatter: Member;
  let owner: Member;
  let squatterSecret: string;

  beforeAll(async () => {
    [squatter, owner] = [await member(chain, 'squatter'), await member(chain, 'owner')];
    const squatted = await connect(chain, squatter, 'realcoop');
    squatterSecret = connectedCooperativeSchema.parse(squatted.body).client_secret;
    // An invitation the squatter sent: it must not let anyone back in after the takeover.
    await db(chain).execute(
      sql`insert into staff_invitations (coopname, email_lookup, email_sealed, role, token_hash, invited_by, expires_at)
          values ('realcoop', 'lookup', 'sealed', 'admin', 'squatter-invitation', ${squatter.userId}, now() + interval '7 days')`,
    );
  });

  const proofBy = async (who: Member, key: PrivateKey, coopname = 'realcoop') =>
    signOwnershipProof(coopname, await challengeOf(chain, who, coopname), key.toWif());

  it('blocks the real owner from connecting the squatted name, but lets them ask for a challenge', async () => {
    expect((await connect(chain, owner, 'realcoop')).body.code).toBe('COOPNAME_TAKEN');
    const answer = await call(
      chain,
      'POST',
      '/business/cooperatives/realcoop/verification/challenge',
      owner.token,
    );
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ challenge: expect.any(String), expires_in: 600 });
    expect(
      (
        await call(
          chain,
          'POST',
          '/business/cooperatives/nosuchcoop/verification/challenge',
          owner.token,
        )
      ).status,
    ).toBe(404);
  });

  it('refuses a key of another account, of another permission, or a stranger’s', async () => {
    for (const key of [otherAccountKey, specialKey, strangerKey]) {
      const answer = await prove(chain, owner, 'realcoop', await proofBy(owner, key));
      expect([answer.status, answer.body.code]).toEqual([422, 'KEY_NOT_ON_ACCOUNT']);
    }
    const bySquatter = await prove(
      chain,
      squatter,
      'realcoop',
      await proofBy(squatter, strangerKey),
    );
    expect(bySquatter.body.code).toBe('KEY_NOT_ON_ACCOUNT');
    expect(await staffOf(chain, 'realcoop')).toEqual([{ user_id: squatter.userId, role: 'owner' }]);
  });

  it('refuses a signature that does not verify with the key given', async () => {
    const proof = await proofBy(owner, strangerKey);
    const forged = { ...proof, public_key: pub(activeKey) };
    const answer = await prove(chain, owner, 'realcoop', forged);
    expect([answer.status, answer.body.code]).toEqual([422, 'PROOF_INVALID']);
  });

  it("refuses another member's challenge, one for another cooperative, and an unknown one", async () => {
    const stolen = await proofBy(squatter, activeKey);
    expect((await prove(chain, owner, 'realcoop', stolen)).body.code).toBe('CHALLENGE_INVALID');
    // The attempt used it up: its own member cannot use it either.
    expect((await prove(chain, squatter, 'realcoop', stolen)).body.code).toBe('CHALLENGE_INVALID');
    const forOther = await challengeOf(chain, owner, 'annacoop');
    const misplaced = signOwnershipProof('realcoop', forOther, activeKey.toWif());
    expect((await prove(chain, owner, 'realcoop', misplaced)).body.code).toBe('CHALLENGE_INVALID');
    const made = signOwnershipProof('realcoop', 'A'.repeat(43), activeKey.toWif());
    expect((await prove(chain, owner, 'realcoop', made)).body.code).toBe('CHALLENGE_INVALID');
    // A signature over another cooperative's payload is not a proof for this one.
    const challenge = await challengeOf(chain, owner, 'realcoop');
    const signed = signObject(
      ownershipProofPayload({ challenge, coopname: 'othercoop' }),
      activeKey.toWif(),
    );
    const crossed = await prove(chain, owner, 'realcoop', {
      challenge,
      public_key: signed.public_key,
      signature: signed.signature,
    });
    expect(crossed.body.code).toBe('PROOF_INVALID');
  });

  it('verifies the real owner, removes the squatter, revokes their invitations and replaces the secret', async () => {
    const proof = await proofBy(owner, activeKey);
    const answer = await prove(chain, owner, 'realcoop', proof);
    expect(answer.status).toBe(200);
    const verified = chainVerificationSchema.parse(answer.body);
    expect(verified).toMatchObject({ coopname: 'realcoop', verified_via: 'chain' });
    expect(verified.verified_at).not.toBeNull();
    expect(verified.client_secret).toEqual(expect.any(String));
    expect(await staffOf(chain, 'realcoop')).toEqual([{ user_id: owner.userId, role: 'owner' }]);
    const [row] = await rows<{ client_secret_hash: string }>(
      chain,
      sql`select client_secret_hash from cooperatives where coopname = 'realcoop'`,
    );
    expect(row!.client_secret_hash).toBe(hashClientSecret(verified.client_secret!));
    expect(row!.client_secret_hash).not.toBe(hashClientSecret(squatterSecret));
    const open = await rows<{ n: number }>(
      chain,
      sql`select count(*)::int as n from staff_invitations where coopname = 'realcoop' and revoked_at is null and accepted_at is null`,
    );
    expect(open[0]!.n).toBe(0);
    expect(await eventsOf(chain, squatter.userId)).toContainEqual({
      type: 'cooperative.staff.removed',
      data: { coopname: 'realcoop', reason: 'ownership_proven_by_another_member' },
    });
    expect(await eventsOf(chain, owner.userId)).toContainEqual({
      type: 'cooperative.verified',
      data: { coopname: 'realcoop', via: 'chain', public_key: pub(activeKey) },
    });
    // The squatter has no role any more; the proof cannot be replayed.
    expect(
      (await call(chain, 'GET', '/business/cooperatives/realcoop/verification', squatter.token))
        .status,
    ).toBe(403);
    expect((await prove(chain, owner, 'realcoop', proof)).body.code).toBe('CHALLENGE_INVALID');
    // Verified now: real targets save.
    const service = chain.app.get(CooperativesService);
    const current = await service.get('realcoop');
    await service.update('realcoop', current.revision, { origins: ['https://real.example'] });
  });

  it('adds a proven owner to a verified cooperative without removing its staff', async () => {
    const other = await member(chain, 'cofounder');
    const answer = await prove(chain, other, 'realcoop', await proofBy(other, ownerKey));
    expect(answer.status).toBe(200);
    expect(chainVerificationSchema.parse(answer.body).client_secret).toBeNull();
    expect((await staffOf(chain, 'realcoop')).map((row) => row.user_id).sort()).toEqual(
      [owner.userId, other.userId].sort(),
    );
  });

  it('keeps the prover’s own staff and client secret when the name was theirs', async () => {
    const [founder, helper] = [await member(chain, 'founder'), await member(chain, 'helper')];
    const secret = connectedCooperativeSchema.parse(
      (await connect(chain, founder, 'solocoop')).body,
    ).client_secret;
    await db(chain).execute(
      sql`insert into cooperative_staff (coopname, user_id, role) values ('solocoop', ${helper.userId}, 'admin')`,
    );
    const answer = await prove(
      chain,
      founder,
      'solocoop',
      await proofBy(founder, ownerKey, 'solocoop'),
    );
    expect(chainVerificationSchema.parse(answer.body)).toMatchObject({
      verified_via: 'chain',
      client_secret: null,
    });
    expect((await staffOf(chain, 'solocoop')).map((row) => row.role).sort()).toEqual([
      'admin',
      'owner',
    ]);
    const [row] = await rows<{ client_secret_hash: string }>(
      chain,
      sql`select client_secret_hash from cooperatives where coopname = 'solocoop'`,
    );
    expect(row!.client_secret_hash).toBe(hashClientSecret(secret));
  });

  it('refuses a cooperative whose account is not on chain (422 NOT_ON_CHAIN)', async () => {
    const zoya = await member(chain, 'zoya');
    await connect(chain, zoya, 'ghostcoop');
    const answer = await prove(
      chain,
      zoya,
      'ghostcoop',
      await proofBy(zoya, activeKey, 'ghostcoop'),
    );
    expect([answer.status, answer.body.code]).toEqual([422, 'NOT_ON_CHAIN']);
  });

  it('answers 409 CHAIN_NOT_CONFIGURED without a chain', async () => {
    const yan = await member(plain, 'yan');
    await connect(plain, yan, 'solocoop');
    const challenge = await call(
      plain,
      'POST',
      '/business/cooperatives/solocoop/verification/challenge',
      yan.token,
    );
    expect([challenge.status, challenge.body.code]).toEqual([409, 'CHAIN_NOT_CONFIGURED']);
    const proof = signOwnershipProof('solocoop', 'B'.repeat(43), activeKey.toWif());
    expect((await prove(plain, yan, 'solocoop', proof)).body.code).toBe('CHAIN_NOT_CONFIGURED');
  });
});

describe('proof by the platform admin’s approval', () => {
  let claimant: Member;
  let stranger: Member;
  let platformAdmin: Member;
  const request = (who: Member, note?: string) =>
    call(
      plain,
      'POST',
      '/business/cooperatives/claimcoop/verification/request',
      who.token,
      note === undefined ? {} : { note },
    );
  const adminCall = (method: string, path: string, body?: unknown, token = adminKey(plain)) =>
    call(plain, method, path, token, body);

  beforeAll(async () => {
    [claimant, stranger, platformAdmin] = [
      await member(plain, 'claimant'),
      await member(plain, 'stranger'),
      await member(plain, 'padmin'),
    ];
    await db(plain).execute(
      sql`insert into platform_staff (user_id, role) values (${platformAdmin.userId}, 'platform_admin')`,
    );
    await connect(plain, claimant, 'claimcoop');
  });

  it('queues the owner’s claim; only the owner may ask', async () => {
    expect((await request(stranger)).status).toBe(403);
    const answer = await request(claimant, 'Председатель: Иванов И. И.');
    expect(answer.status).toBe(200);
    expect(cooperativeClaimSchema.parse(answer.body)).toMatchObject({
      coopname: 'claimcoop',
      status: 'pending',
      note: 'Председатель: Иванов И. И.',
      requested_by: claimant.userId,
    });
    // Asking again updates the one pending claim.
    await request(claimant, 'Тел. +7 999 123-45-67');
    const { claims } = claimListSchema.parse((await adminCall('GET', '/admin/claims')).body);
    expect(claims.filter((claim) => claim.coopname === 'claimcoop')).toEqual([
      expect.objectContaining({ status: 'pending', note: 'Тел. +7 999 123-45-67' }),
    ]);
  });

  it('refuses members without a platform role', async () => {
    for (const who of [claimant, stranger]) {
      expect((await adminCall('GET', '/admin/claims', undefined, who.token)).status).toBe(403);
      expect(
        (await adminCall('POST', '/admin/claims/claimcoop/approve', {}, who.token)).status,
      ).toBe(403);
      expect(
        (await adminCall('POST', '/admin/claims/claimcoop/reject', { reason: 'x' }, who.token))
          .status,
      ).toBe(403);
    }
    expect((await call(plain, 'GET', '/admin/claims')).status).toBe(401);
  });

  it('rejects with a reason (mailed), then approves a new claim: verified by the admin, mailed, audited', async () => {
    const rejected = await adminCall('POST', '/admin/claims/claimcoop/reject', {
      reason: 'Не дозвонились до председателя',
    });
    expect(rejected.body).toMatchObject({
      status: 'rejected',
      reason: 'Не дозвонились до председателя',
    });
    await vi.waitFor(async () => {
      const mails = await mailsTo(plain.url, claimant.email);
      expect(mails.some((mail) => mail.text.includes('Не дозвонились до председателя'))).toBe(true);
    });
    expect((await adminCall('POST', '/admin/claims/claimcoop/approve', {})).status).toBe(404);
    const status = await call(
      plain,
      'GET',
      '/business/cooperatives/claimcoop/verification',
      claimant.token,
    );
    expect(status.body).toMatchObject({ verified_at: null, claim: { status: 'rejected' } });

    expect((await request(claimant, 'Ещё раз')).body).toMatchObject({ status: 'pending' });
    const approved = await adminCall(
      'POST',
      '/admin/claims/claimcoop/approve',
      {},
      platformAdmin.token,
    );
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', coopname: 'claimcoop' });
    const [row] = await rows<{ verified_at: Date | null; verified_via: string }>(
      plain,
      sql`select verified_at, verified_via from cooperatives where coopname = 'claimcoop'`,
    );
    expect(row!.verified_at).not.toBeNull();
    expect(row!.verified_via).toBe('admin');
    await vi.waitFor(async () => {
      const mails = await mailsTo(plain.url, claimant.email);
      expect(mails.some((mail) => mail.subject.includes('подтверждено'))).toBe(true);
    });
    expect((await eventsOf(plain, claimant.userId)).map((event) => event.type)).toEqual(
      expect.arrayContaining([
        'cooperative.claim.requested',
        'cooperative.claim.rejected',
        'cooperative.claim.approved',
      ]),
    );
    expect(await eventsOf(plain, platformAdmin.userId)).toContainEqual(
      expect.objectContaining({ type: 'cooperative.claim.approved' }),
    );
    const again = await request(claimant);
    expect([again.status, again.body.code]).toEqual([409, 'ALREADY_VERIFIED']);
    expect((await adminCall('POST', '/admin/claims/claimcoop/approve', {})).status).toBe(404);
  });
});

describe('npm run coop -- prove', () => {
  const challenge = 'C'.repeat(43);

  it('signs with the key from COOP_PRIVATE_KEY or stdin, the proof verifying', async () => {
    const fromEnv = await proveOwnership('realcoop', challenge, {
      env: activeKey.toWif(),
      stdin: Readable.from([]),
    });
    const fromStdin = await proveOwnership('realcoop', challenge, {
      env: undefined,
      stdin: Readable.from([`${activeKey.toString()}\n`]),
    });
    for (const proof of [fromEnv, fromStdin]) {
      expect(proof.public_key).toBe(pub(activeKey));
      expect(
        verifySignedObject({
          payload: ownershipProofPayload({ challenge, coopname: 'realcoop' }),
          public_key: proof.public_key,
          signature: proof.signature,
        }),
      ).toBe(true);
      expect(JSON.stringify(proof)).not.toContain(activeKey.toWif());
    }
  });

  it('refuses a terminal without a key, and never repeats a bad key', async () => {
    const tty = Object.assign(Readable.from([]), { isTTY: true });
    await expect(
      proveOwnership('realcoop', challenge, { env: undefined, stdin: tty }),
    ).rejects.toThrow(/COOP_PRIVATE_KEY/);
    const error = await proveOwnership('realcoop', challenge, {
      env: 'secret-not-a-key',
      stdin: Readable.from([]),
    }).then(
      () => new Error('no error'),
      (caught: unknown) => caught as Error,
    );
    expect(error.message).toMatch(/Not a K1 private key/);
    expect(error.message).not.toContain('secret-not-a-key');
  });
});
