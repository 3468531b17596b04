import { PrivateKey } from '@wharfkit/antelope';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ownershipProofPayload } from '@cardcoop/contracts';
import { startAntelopeNode } from '../../../../apps/server/test/support/antelope-node.js';
import type { AntelopeNode } from '../../../../apps/server/test/support/antelope-node.js';
import { uniqueCoopname } from '../../../../apps/server/test/support/staff-fixture.js';
import { DATABASE } from '../../../../apps/server/src/db/database.module.js';
import type { Database } from '../../../../apps/server/src/db/database.js';
import { ServerCrypto } from '../../../../apps/server/src/infra/crypto/server-crypto.js';
import { bootstrapPlatformAdmin } from '../../../../apps/server/src/modules/admin/platform-admin-bootstrap.js';
import { verifySignedObject } from '../crypto/k1-signature.js';
import type { MemberClient } from '../member/member-client.js';
import { errorCode, registeredMember, startServer } from '../testing/member-fixture.js';
import type { Fixture, TestApp } from '../testing/member-fixture.js';
import { fixtureMember } from '../testing/sharing-scene.js';
import { createBusinessClient } from './business-client.js';
import { signOwnershipProof } from './claims-client.js';
import { createPlatformClient } from './platform-client.js';

const activeKey = PrivateKey.generate('K1');
const strangerKey = PrivateKey.generate('K1');
let node: AntelopeNode;
let server: TestApp;
let fixture: Fixture;
let member: MemberClient;

beforeAll(async () => {
  node = await startAntelopeNode({ participants: {}, accounts: {} });
  server = await startServer({ env: { CHAIN_RPC_URL: node.url } });
});
afterAll(async () => {
  await server?.close();
  await node?.close();
});
beforeEach(async () => {
  fixture = await registeredMember(server);
  member = fixtureMember(server, fixture);
});
afterEach(() => member.session.close());

/** A coopname whose chain account has `activeKey` on its active permission. */
function chainAccount(): string {
  const coopname = uniqueCoopname();
  node.state.accounts[coopname] = {
    owner: [PrivateKey.generate('K1').toPublic().toString()],
    active: [activeKey.toPublic().toString()],
  };
  return coopname;
}

describe('business.claims', () => {
  it('connects a cooperative and proves its ownership with a key that never leaves the caller', async () => {
    const business = createBusinessClient(member);
    const coopname = chainAccount();
    const connected = await business.claims.connect({ coopname, display_name: 'ПК «Свой»' });
    expect(connected).toMatchObject({
      client_id: coopname,
      cooperative: { coopname, verified_at: null, verified_via: null },
    });
    const verified = await business.claims.proveWithKey(coopname, activeKey.toWif());
    expect(verified).toMatchObject({ coopname, verified_via: 'chain', client_secret: null });
    expect(fixture.wire.calls).toEqual([
      'business/cooperatives',
      `business/cooperatives/${coopname}/verification/challenge`,
      `business/cooperatives/${coopname}/verification/chain`,
    ]);
    const sent = JSON.stringify(fixture.wire.requests.map((request) => request.body));
    expect(sent).not.toContain(activeKey.toWif());
    expect(sent).not.toContain(activeKey.toString());
    expect(await business.claims.verification(coopname)).toMatchObject({ verified_via: 'chain' });
  });

  it('signs the challenge in MONO’s convention, checkable with the public key alone', () => {
    const proof = signOwnershipProof('voskhod', 'A'.repeat(43), activeKey.toWif());
    expect(proof.public_key).toBe(activeKey.toPublic().toString());
    expect(
      verifySignedObject({
        payload: ownershipProofPayload({ challenge: proof.challenge, coopname: 'voskhod' }),
        public_key: proof.public_key,
        signature: proof.signature,
      }),
    ).toBe(true);
    expect(() => signOwnershipProof('voskhod', 'A'.repeat(43), 'not a key')).toThrow(TypeError);
  });

  it('throws the server’s codes: a key not on the account, a replayed challenge', async () => {
    const { claims } = createBusinessClient(member);
    const coopname = chainAccount();
    await claims.connect({ coopname, display_name: 'ПК «Чужой ключ»' });
    expect(await errorCode(claims.proveWithKey(coopname, strangerKey.toWif()))).toBe(
      'KEY_NOT_ON_ACCOUNT',
    );
    const { challenge } = await claims.challenge(coopname);
    const proof = signOwnershipProof(coopname, challenge, activeKey.toWif());
    expect((await claims.proveByChain(coopname, proof)).verified_via).toBe('chain');
    expect(await errorCode(claims.proveByChain(coopname, proof))).toBe('CHALLENGE_INVALID');
  });

  it('asks the platform admin, who approves through platform.claims', async () => {
    const { claims } = createBusinessClient(member);
    const coopname = uniqueCoopname();
    await claims.connect({ coopname, display_name: 'ПК «Без цепочки»' });
    expect(await claims.requestApproval(coopname, 'Председатель: Петров П. П.')).toMatchObject({
      coopname,
      status: 'pending',
      note: 'Председатель: Петров П. П.',
    });
    const platform = createPlatformClient(member);
    expect(await errorCode(platform.claims.list())).toBe('FORBIDDEN');
    await bootstrapPlatformAdmin(
      server.app.get<Database>(DATABASE),
      server.app.get(ServerCrypto),
      fixture.email,
    );
    expect((await platform.claims.list()).map((claim) => claim.coopname)).toContain(coopname);
    expect(await platform.claims.approve(coopname)).toMatchObject({ status: 'approved' });
    expect(await claims.verification(coopname)).toMatchObject({
      verified_via: 'admin',
      claim: { status: 'approved' },
    });
    expect(await errorCode(platform.claims.reject(coopname, 'поздно'))).toBe('NOT_FOUND');
    expect(await platform.claims.list('approved')).toEqual(
      expect.arrayContaining([expect.objectContaining({ coopname })]),
    );
  });
});
