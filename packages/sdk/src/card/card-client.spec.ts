import { accountProofPayload, CARD_SCHEMA_ID, storedCardSchema } from '@cardcoop/contracts';
import type { CardAccount, CardData, IndividualCard, StoredCard } from '@cardcoop/contracts';
import { PrivateKey } from '@wharfkit/antelope';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startAntelopeNode } from '../../../../apps/server/test/support/antelope-node.js';
import type {
  AntelopeNode,
  ChainState,
} from '../../../../apps/server/test/support/antelope-node.js';
import { createClient } from '../client.js';
import { utf8Encode } from '../crypto/encoding.js';
import { sealEnvelope } from '../crypto/envelope.js';
import { verifySignedDocument, verifySignedObject } from '../crypto/k1-signature.js';
import { CardCoopError } from '../errors.js';
import { createMemberClient } from '../member/member-client.js';
import type { MemberClient } from '../member/member-client.js';
import {
  errorCode,
  registerCooperative,
  registeredMember,
  startServer,
} from '../testing/member-fixture.js';
import type { Fixture, TestApp } from '../testing/member-fixture.js';
import {
  ACCOUNT_ATTEMPTS,
  CARD_FORMAT_VERSION,
  CARD_MIGRATIONS,
  generateUsername,
  MemoryRevisionStore,
} from './card-client.js';
import type { RevisionStore } from './card-client.js';
import { entrepreneur, individual, organization } from '../testing/card-fixtures.js';

let server: TestApp;
/** The chain behind the server's membership registry, where usernames may already exist. */
let chain: AntelopeNode;
/** The `owner`/`active` keys of an account on the chain, undefined when there is none. */
let onChain: (username: string) => string[] | undefined;
let fixture: Fixture;
let member: MemberClient;
let userId: string;
const opened: MemberClient[] = [];

/** Accounts of the emulated chain, looked up by `lookup` at each `get_account`. */
function chainAccounts(lookup: (name: string) => string[] | undefined): ChainState['accounts'] {
  return new Proxy(
    {},
    {
      get: (_target, name) => {
        const keys = typeof name === 'string' ? lookup(name) : undefined;
        return keys && { owner: keys, active: keys };
      },
    },
  );
}

beforeAll(async () => {
  chain = await startAntelopeNode({
    participants: {},
    accounts: chainAccounts((name) => onChain(name)),
  });
  server = await startServer({ env: { CHAIN_RPC_URL: chain.url } });
  await registerCooperative(server, { coopname: 'voskhod', display_name: 'ПК ВОСХОД' });
  await registerCooperative(server, { coopname: 'zarya', display_name: 'ПК Заря' });
});
afterAll(async () => {
  await server.close();
  await chain.close();
});

/** Another device of the same member (own session manager, own memory of revisions). */
function device(options: { revisionStore?: RevisionStore; locked?: boolean } = {}): MemberClient {
  const client = createMemberClient({
    baseUrl: server.url,
    fetch: fixture.wire.fetch,
    tokens: fixture.registered.tokens,
    now: () => fixture.clock.now,
    ...(options.locked ? {} : { userKey: fixture.registered.userKey }),
    ...(options.revisionStore ? { revisionStore: options.revisionStore } : {}),
  });
  opened.push(client);
  return client;
}

/** Writes (not reads) the server has been asked for since the last reset. */
const writes = () => fixture.wire.calls.filter((call) => !call.startsWith('GET '));

/** What the server holds at `path`, read with the member's token, off the wire. */
async function held(path: 'card' | 'card/accounts'): Promise<unknown> {
  const response = await globalThis.fetch(`${server.url}/api/v1/${path}`, {
    headers: { authorization: `Bearer ${fixture.registered.tokens.access_token}` },
  });
  return response.json();
}
const storedCard = async (): Promise<StoredCard> => storedCardSchema.parse(await held('card'));

beforeEach(async () => {
  onChain = () => undefined;
  fixture = await registeredMember(server);
  userId = fixture.registered.tokens.user_id;
  member = device();
});

afterEach(() => {
  for (const client of opened.splice(0)) client.session.close();
});

describe('card', () => {
  it.each([individual, entrepreneur, organization])(
    'issues, reads and updates a card of kind $kind',
    async (card) => {
      const issued = await member.card.issue(card);
      expect(issued.revision).toBe(1);
      const stored = await storedCard();
      expect(stored.meta).toEqual({
        version: CARD_FORMAT_VERSION,
        schema: CARD_SCHEMA_ID,
        kind: card.kind,
      });
      // The server holds only ciphertext.
      expect(JSON.stringify(stored)).not.toContain(card.email);

      const read = await member.card.get();
      expect(read).toMatchObject({ data: card, revision: 1, cardId: issued.cardId });
      expect(read.migratedFrom).toBeUndefined();

      const changed: CardData = { ...card, phone: '+79990000000' };
      expect(await member.card.update(changed, read.revision)).toEqual({
        cardId: issued.cardId,
        revision: 2,
      });
      expect((await device().card.get()).data).toEqual(changed);
      expect(fixture.wire.calls).toEqual([
        'GET card/schema',
        'card/issue',
        'GET card',
        'PUT card',
        'GET card',
      ]);
    },
  );

  it('works through createClient().member(session), which brings the user key', async () => {
    const client = createClient({ baseUrl: server.url, fetch: fixture.wire.fetch });
    const viaSession = client.member(fixture.registered, { now: () => fixture.clock.now });
    opened.push(viaSession);
    await viaSession.card.issue(individual);
    expect((await viaSession.card.get()).data).toEqual(individual);
  });

  it('a second issue is CONFLICT; reading without a card is NOT_FOUND', async () => {
    expect(await errorCode(member.card.get())).toBe('NOT_FOUND');
    await member.card.issue(individual);
    expect(await errorCode(member.card.issue(entrepreneur))).toBe('CONFLICT');
  });

  it('without the user key the card API is locked (UNAUTHORIZED) and sends nothing', async () => {
    const locked = device({ locked: true });
    expect(await errorCode(locked.card.get())).toBe('UNAUTHORIZED');
    expect(await errorCode(locked.card.listAccounts())).toBe('UNAUTHORIZED');
    expect(fixture.wire.calls).toEqual([]);
  });

  it.each([
    ['kind', { kind: 'entrepreneur' }],
    ['version', { version: 1 }],
    ['schema', { schema: 'https://card.coop/schemas/card/v9.json' }],
  ] as const)('a server that changes meta.%s gets DECRYPTION_FAILED', async (_field, change) => {
    await member.card.issue(individual);
    fixture.wire.rewrite<StoredCard>('GET card', (stored) => ({
      ...stored,
      meta: { ...stored.meta, ...change },
    }));
    expect(await errorCode(member.card.get())).toBe('DECRYPTION_FAILED');
  });

  it('an envelope moved to another record or user does not open', async () => {
    await member.card.issue(individual);
    const { meta } = await storedCard();
    const foreign = await sealEnvelope({
      key: fixture.registered.userKey.key,
      kid: fixture.registered.userKey.version,
      plaintext: utf8Encode(JSON.stringify(individual)),
      context: { purpose: 'card', user_id: 'someone-else', record_id: 'card', meta },
    });
    fixture.wire.rewrite<StoredCard>('GET card', (stored) => ({ ...stored, card: foreign }));
    expect(await errorCode(member.card.get())).toBe('DECRYPTION_FAILED');
  });

  it('refuses a rollback to an older revision (STALE_CARD), also after a restart', async () => {
    const revisions = new MemoryRevisionStore();
    const first = device({ revisionStore: revisions });
    await first.card.issue(individual);
    const old = await storedCard();
    await first.card.update({ ...individual, phone: '+79990000000' }, 1);
    expect(revisions.get(userId)).toBe(2);

    // The server answers with the first revision again.
    fixture.wire.rewrite('GET card', () => old);
    const error = await first.card.get().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CardCoopError);
    expect((error as CardCoopError).code).toBe('STALE_CARD');
    // A new client on the same device (persisted store) refuses it too; a fresh device cannot know.
    expect(await errorCode(device({ revisionStore: revisions }).card.get())).toBe('STALE_CARD');
    expect((await device().card.get()).revision).toBe(1);
  });

  it('surfaces the server 409 on a stale expected_revision as CONFLICT', async () => {
    await member.card.issue(individual);
    const other = device();
    await other.card.get();
    await member.card.update({ ...individual, phone: '+79990000001' }, 1);

    fixture.wire.reset();
    expect(await errorCode(other.card.update({ ...individual, phone: '+79990000002' }, 1))).toBe(
      'CONFLICT',
    );
    expect(fixture.wire.calls).toEqual(['GET card/schema', 'PUT card']);
    // Re-read, merge, retry.
    const fresh = await other.card.get();
    expect(fresh.revision).toBe(2);
    const merged: CardData = { ...fresh.data, email: 'merged@example.com' };
    expect((await other.card.update(merged, 2)).revision).toBe(3);
  });

  it('refuses locally an update over a revision older than one already seen', async () => {
    await member.card.issue(individual);
    await member.card.update({ ...individual, phone: '+79990000001' }, 1);
    fixture.wire.reset();
    expect(await errorCode(member.card.update(individual, 1))).toBe('CONFLICT');
    expect(fixture.wire.calls).toEqual([]);
  });

  it('never sends invalid data: VALIDATION_FAILED with the field issues, no request', async () => {
    const invalid = { ...individual, phone: '8 999', passport: { ...individual.passport } };
    delete (invalid as Partial<IndividualCard>).first_name;
    const error = await member.card.issue(invalid as CardData).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CardCoopError);
    const { code, details } = error as CardCoopError;
    expect(code).toBe('VALIDATION_FAILED');
    expect(details.issues?.map((issue) => issue.path).sort()).toEqual(['first_name', 'phone']);
    expect(await errorCode(member.card.update(invalid as CardData, 1))).toBe('VALIDATION_FAILED');
    expect(fixture.wire.requests).toEqual([]);
  });

  it('refuses to write against another schema $id (SCHEMA_MISMATCH), writes nothing', async () => {
    fixture.wire.rewrite<object>('GET card/schema', (schema) => ({
      ...schema,
      $id: 'https://card.coop/schemas/card/v9.json',
    }));
    expect(await errorCode(member.card.issue(individual))).toBe('SCHEMA_MISMATCH');
    expect(writes()).toEqual([]);
    expect(await errorCode(member.card.get())).toBe('NOT_FOUND');
    // A failed check is asked again; a passed one is asked once per client.
    fixture.wire.rewrite('GET card/schema', undefined);
    await member.card.issue(individual);
    await member.card.update(entrepreneur, 1);
    expect(fixture.wire.calls.filter((call) => call === 'GET card/schema')).toHaveLength(2);
  });

  it('refuses a card written in a newer format than it knows (SCHEMA_MISMATCH)', async () => {
    await storeRaw(individual, CARD_FORMAT_VERSION + 1);
    expect(await errorCode(member.card.get())).toBe('SCHEMA_MISMATCH');
  });
});

/**
 * Issues a card as an older (or newer) client would have sealed it. The server takes writes
 * against its own schema only, so a card sealed under an older schema `$id` is written with the
 * current one and the server's answer shows the `$id` it was stored with then.
 */
async function storeRaw(
  plaintext: { kind: string },
  version: number,
  schema: string = CARD_SCHEMA_ID,
): Promise<void> {
  const sealedMeta = { version, schema, kind: plaintext.kind };
  const meta = { ...sealedMeta, schema: CARD_SCHEMA_ID };
  if (schema !== CARD_SCHEMA_ID) {
    fixture.wire.rewrite('GET card', (body: StoredCard) => ({
      ...body,
      meta: body.meta.version === version ? sealedMeta : body.meta,
    }));
  }
  const card = await sealEnvelope({
    key: fixture.registered.userKey.key,
    kid: fixture.registered.userKey.version,
    plaintext: utf8Encode(JSON.stringify(plaintext)),
    context: { purpose: 'card', user_id: userId, record_id: 'card', meta: sealedMeta },
  });
  await member.session.request('/api/v1/card/issue', { method: 'POST', body: { card, meta } });
}

describe('a phone stored before numbers were normalized', () => {
  it.each(['8 (916) 123-45-67', '89161234567'])(
    'reads a card whose phone is %j, and refuses to write it back that way',
    async (phone) => {
      const legacy: { kind: string; phone: string } = { ...individual, phone };
      await storeRaw(legacy, CARD_FORMAT_VERSION);
      const read = await member.card.get();
      expect(read.data.phone).toBe(phone);
      const refused = await member.card.update(read.data, read.revision).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(CardCoopError);
      expect((refused as CardCoopError).details.issues?.map((issue) => issue.path)).toEqual([
        'phone',
      ]);
      await member.card.update({ ...read.data, phone: '+79161234567' }, read.revision);
      expect((await device().card.get()).data.phone).toBe('+79161234567');
    },
  );

  it('still refuses a card read back with any other issue', async () => {
    const broken: Record<string, unknown> & { kind: string } = {
      ...individual,
      phone: '89161234567',
      email: 'nope',
    };
    await storeRaw(broken, CARD_FORMAT_VERSION);
    const refused = await member.card.get().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CardCoopError);
    expect((refused as CardCoopError).details.issues?.map((issue) => issue.path)).toEqual([
      'email',
    ]);
  });
});

/** The card schema `$id` of the SDK that wrote format versions 1 and 2. */
const SCHEMA_V1 = 'https://card.coop/schemas/card/v1.json';

/** An organization card exactly as the SDK of format 2 wrote it: bank KPP, free-text country. */
const organizationV2 = {
  ...organization,
  country: 'Россия',
  details: { ...organization.details, kpp: '773601001' },
  bank_account: {
    ...organization.bank_account!,
    currency: 'RUR',
    details: { ...organization.bank_account!.details, kpp: '773601001' },
  },
};

describe('migrations', () => {
  it('reads a format 2 card of the previous SDK migrated, valid, and saves it as format 3', async () => {
    await storeRaw(organizationV2, 2, SCHEMA_V1);
    const read = await member.card.get();
    expect(read.migratedFrom).toBe(2);
    expect(read.data).toEqual({
      ...organization,
      bank_account: { ...organization.bank_account, currency: 'RUB' },
    });
    expect((await storedCard()).meta).toMatchObject({ version: 2 });

    await member.card.update(read.data, read.revision);
    expect((await storedCard()).meta).toEqual({
      version: CARD_FORMAT_VERSION,
      schema: CARD_SCHEMA_ID,
      kind: 'organization',
    });
    const again = await device().card.get();
    expect(again.migratedFrom).toBeUndefined();
    expect(again.data).toEqual(read.data);
  });

  it('shows a country or currency it cannot name with the card, and does not write it so', async () => {
    const unknown = {
      ...entrepreneur,
      country: 'Атлантида',
      bank_account: { ...entrepreneur.bank_account!, currency: 'GBX' },
    };
    await storeRaw(unknown, 2, SCHEMA_V1);
    const read = await member.card.get();
    expect(read.data).toMatchObject({ country: 'Атлантида', bank_account: { currency: 'GBX' } });
    const refused = await member.card.update(read.data, read.revision).catch((e: unknown) => e);
    expect((refused as CardCoopError).details.issues).toMatchObject([
      { path: 'country', code: 'invalid_country' },
      { path: 'bank_account.currency', code: 'invalid_currency' },
    ]);
  });

  it('migrates a v1 card through 1 → 2 → 3', async () => {
    const { birthdate, ...rest } = entrepreneur;
    const legacy = {
      ...rest,
      birth_date: birthdate,
      country: 'Russian Federation',
      bank_account: {
        ...entrepreneur.bank_account!,
        details: { ...entrepreneur.bank_account!.details, kpp: '773601001' },
      },
    };
    await storeRaw(legacy, 1, SCHEMA_V1);
    const read = await member.card.get();
    expect(read.migratedFrom).toBe(1);
    expect(read.data).toEqual(entrepreneur);
  });

  it('migrates a v1 card (birth_date) on read and re-seals it as the current version', async () => {
    const { birthdate, ...rest } = individual;
    const legacy = { ...rest, birth_date: birthdate };
    await storeRaw(legacy, 1);

    const read = await member.card.get();
    expect(read.migratedFrom).toBe(1);
    expect(read.data).toEqual(individual);
    expect(read.data).not.toHaveProperty('birth_date');
    expect((await storedCard()).meta.version).toBe(1);

    await member.card.update(read.data, read.revision);
    expect((await storedCard()).meta.version).toBe(CARD_FORMAT_VERSION);
    const again = await device().card.get();
    expect(again.migratedFrom).toBeUndefined();
    expect(again.data).toEqual(individual);
  });

  it('the 1 → 2 step keeps an existing birthdate and leaves other cards alone', () => {
    const step = CARD_MIGRATIONS[1]!;
    expect(step({ kind: 'organization', type: 'coop' })).toEqual({
      kind: 'organization',
      type: 'coop',
    });
    expect(step({ birthdate: '1990-01-02', birth_date: '1900-01-01' })).toEqual({
      birthdate: '1990-01-02',
    });
    expect(Object.keys(CARD_MIGRATIONS).map(Number)).toEqual([1, 2]);
  });

  it('the 2 → 3 step names countries and currencies, keeps one KPP, and is pure', () => {
    const step = CARD_MIGRATIONS[2]!;
    const names = ['Россия', ' РФ ', 'russia', 'RU', 'ru', 'Российская Федерация'];
    for (const country of names) expect(step({ country }).country, country).toBe('RU');
    expect(step({ country: 'Казахстан' }).country).toBe('KZ');
    expect(step({ country: 'Germany' }).country).toBe('DE');
    expect(step({ country: 'Белоруссия' }).country).toBe('BY');
    const account = (currency: string) => ({ bank_account: { currency, details: {} } });
    expect(step(account('RUR')).bank_account).toEqual({ currency: 'RUB', details: {} });
    expect(step(account('usd')).bank_account).toEqual({ currency: 'USD', details: {} });
    // An organization that had only the bank's KPP keeps it as its own.
    const input = {
      kind: 'organization',
      details: { inn: '7707083893' },
      bank_account: { currency: 'RUB', details: { bik: '044525225', kpp: '773601001' } },
    };
    const frozen = structuredClone(input);
    expect(step(input)).toEqual({
      kind: 'organization',
      details: { inn: '7707083893', kpp: '773601001' },
      bank_account: { currency: 'RUB', details: { bik: '044525225' } },
    });
    expect(input).toEqual(frozen);
    expect(step({ kind: 'individual', phone: '+79161234567' })).toEqual({
      kind: 'individual',
      phone: '+79161234567',
    });
  });
});

describe('cooperative accounts', () => {
  it('creates an account: 12-letter name, PUB_K1 key matching the sealed WIF', async () => {
    const account = await member.card.createAccount('voskhod');
    expect(account.username).toMatch(/^[a-z]{12}$/);
    expect(account.publicKey).toMatch(/^PUB_K1_[1-9A-HJ-NP-Za-km-z]{50}$/);
    expect(account).toMatchObject({
      coopname: 'voskhod',
      displayName: 'ПК ВОСХОД',
      membership: 'applicant',
    });

    const wif = await account.privateKey();
    expect(wif).toMatch(/^5[1-9A-HJ-NP-Za-km-z]{50}$/);
    expect(PrivateKey.fromString(wif).toPublic().toString()).toBe(account.publicKey);
    // Neither the account object nor the server ever shows the key.
    expect(JSON.stringify(account)).not.toContain(wif);
    expect(JSON.stringify(await held('card/accounts'))).not.toContain(wif);
    expect(JSON.stringify(fixture.wire.requests)).not.toContain(wif);

    const [listed] = await device().card.listAccounts();
    expect(listed).toMatchObject({ username: account.username, publicKey: account.publicKey });
    expect(await listed!.privateKey()).toBe(wif);
  });

  it("signs documents in MONO's shape with the account's key, verifiable against the account", async () => {
    const account = await member.card.createAccount('voskhod');
    const statement = 'Прошу принять меня в пайщики ПК ВОСХОД.';
    const signed = await account.signDocument(statement, { title: 'Заявление' });
    expect(signed).toMatchObject({ public_key: account.publicKey, meta: { title: 'Заявление' } });
    expect(
      verifySignedDocument(signed, { document: statement, expectedPublicKey: account.publicKey }),
    ).toBe(true);
    expect(JSON.stringify(fixture.wire.requests)).not.toContain(signed.signature);
  });

  it('retries a username taken on chain (another key holds it) with a new one, at most 3 attempts', async () => {
    const stranger = PrivateKey.generate('K1').toPublic().toString();
    const tried: string[] = [];
    onChain = (username) => {
      tried.push(username);
      return tried.length < 3 ? [stranger] : undefined;
    };
    const account = await member.card.createAccount('voskhod');
    expect(tried).toHaveLength(3);
    expect(new Set(tried).size).toBe(3);
    expect(account.username).toBe(tried[2]);
    expect(await account.privateKey()).toMatch(/^5/);
    expect((await member.card.listAccounts()).map((a) => a.username)).toEqual([account.username]);

    onChain = () => [stranger];
    fixture.wire.reset();
    expect(await errorCode(member.card.createAccount('zarya'))).toBe('USERNAME_TAKEN');
    expect(fixture.wire.calls.filter((call) => call === 'card/add-account')).toHaveLength(
      ACCOUNT_ATTEMPTS,
    );
  });

  it('a second account in one cooperative is ACCOUNT_EXISTS without retries', async () => {
    await member.card.createAccount('voskhod');
    fixture.wire.reset();
    expect(await errorCode(member.card.createAccount('voskhod'))).toBe('ACCOUNT_EXISTS');
    expect(fixture.wire.calls).toEqual(['card/account-challenge', 'card/add-account']);
  });

  it("proves holding the account's key: a K1 signature over the server's challenge", async () => {
    const account = await member.card.createAccount('voskhod');
    const sent = fixture.wire.requests.find((request) => request.path === 'card/add-account');
    const body = sent!.body as {
      coopname: string;
      username: string;
      public_key: string;
      proof: { challenge: string; signature: string };
    };
    expect(body.public_key).toBe(account.publicKey);
    const payload = accountProofPayload({
      challenge: body.proof.challenge,
      coopname: 'voskhod',
      username: account.username,
    });
    const signed = { payload, public_key: account.publicKey, signature: body.proof.signature };
    expect(verifySignedObject(signed, account.publicKey)).toBe(true);
    // Bound to this username: the same signature does not prove another one.
    expect(
      verifySignedObject({ ...signed, payload: { ...payload, username: 'otherusernam' } }),
    ).toBe(false);
  });

  it('an unknown cooperative is NOT_FOUND; a bad coopname is refused before sending', async () => {
    expect(await errorCode(member.card.createAccount('nosuchcoop'))).toBe('NOT_FOUND');
    fixture.wire.reset();
    expect(await errorCode(member.card.createAccount('Not A Name!'))).toBe('VALIDATION_FAILED');
    expect(fixture.wire.calls).toEqual([]);
  });

  it('a sealed key moved to another account, or a swapped public key, does not open', async () => {
    await member.card.createAccount('voskhod');
    await member.card.createAccount('zarya');
    type Listed = { accounts: [CardAccount, CardAccount] };
    fixture.wire.rewrite<Listed>('GET card/accounts', ({ accounts: [a, b] }) => ({
      accounts: [
        { ...a, encrypted_private_key: b.encrypted_private_key },
        { ...b, encrypted_private_key: a.encrypted_private_key },
      ],
    }));
    const swappedKeys = await member.card.listAccounts();
    expect(swappedKeys).toHaveLength(2);
    for (const account of swappedKeys) {
      expect(await errorCode(account.privateKey())).toBe('DECRYPTION_FAILED');
    }
    fixture.wire.rewrite<Listed>('GET card/accounts', ({ accounts: [a, b] }) => ({
      accounts: [{ ...a, public_key: b.public_key }, b],
    }));
    const [swapped] = await member.card.listAccounts();
    expect(await errorCode(swapped!.privateKey())).toBe('DECRYPTION_FAILED');
  });

  it('generates uniform-looking 12-letter names', () => {
    const names = Array.from({ length: 200 }, generateUsername);
    for (const name of names) expect(name).toMatch(/^[a-z]{12}$/);
    expect(new Set(names.join('')).size).toBe(26);
  });
});
