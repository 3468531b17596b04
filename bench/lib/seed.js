// Members, their sessions, accounts, memberships and shares, written straight into a migrated
// database with multi-row INSERTs (unnest of arrays), thousands of rows per statement: seconds
// for 10,000 members, where the OPAQUE API would take hours. The endpoints measured decrypt
// none of these rows but the member's e-mail (a cooperative's read sends the member a notice):
// that is sealed for real when `options.sealEmail` is given (secrets.js emailSealer), the other
// sealed values and envelopes are random bytes of the right shape. Only NOT NULL columns without a default are filled besides what the
// endpoints read; a new such column fails the run by name (checkSchema) instead of with SQL.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { certifyDataKey } from '@cardcoop/sdk/coop';
import { PrivateKey } from '@wharfkit/antelope';
import pg from 'pg';
import { SetupError } from './errors.js';

export const COOPERATIVES = 3;
/** Rows per INSERT statement. */
const BATCH = 2000;
const SESSION_DAYS = 30;
/** As a password login records it (login.service.ts). */
const AMR = ['pwd'];
/** The share ciphertext: 700–1400 bytes, so the envelope's JSON is about 1–2 KB. */
const SHARE_CT_BYTES = [700, 1400];
const MEMBERSHIP_CONFIRMED = 0.9;
const SHARED_WHEN_CONFIRMED = 0.8;
const DATA_KEY_KID = 'dk-2026';
const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

const b64 = (bytes) => bytes.toString('base64url');
const randomB64 = (length) => b64(randomBytes(length));
/**
 * The tag of a cooperative's client secret that its tokens carry (claim `csv`), as
 * apps/server/src/modules/cooperatives/client-secret-version.ts computes it.
 */
const clientSecretVersion = (clientSecretHash) =>
  createHash('sha256')
    .update(`cardcoop/v1/coop-token:${clientSecretHash}`)
    .digest('hex')
    .slice(0, 16);

/**
 * Deterministic (mulberry32), so every run has the same number of accounts, memberships and
 * grants for the same --members; the bytes and ids are random.
 */
function prng(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const symmetricEnvelope = (plaintextBytes) => ({
  v: 1,
  alg: 'A256GCM',
  kid: '1',
  iv: randomB64(12),
  ct: randomB64(plaintextBytes + 16),
});

/** The HPKE share envelope of packages/contracts (shareEnvelopeSchema). */
const shareEnvelope = (random) => {
  const [min, max] = SHARE_CT_BYTES;
  return {
    v: 1,
    suite: 'X25519-HKDF-SHA256-AES256GCM',
    kid: DATA_KEY_KID,
    enc: randomB64(32),
    ct: randomB64(min + Math.floor(random() * (max - min))),
  };
};

/** A cooperative's client secret and its hash as the server stores it (cooperatives.service.ts). */
function clientSecret() {
  const secret = randomB64(32);
  return {
    clientSecret: secret,
    clientSecretHash: b64(createHash('sha256').update(secret).digest()),
  };
}

/**
 * The cooperative's data key, certified for real with a new K1 account key (the SDK's
 * certifyDataKey): a member's share checks the certificate. The X25519 half is random: nothing
 * here opens the envelopes.
 */
const dataKey = (coopname) => ({
  certificate: certifyDataKey({
    coopname,
    kid: DATA_KEY_KID,
    publicKey: randomB64(32),
    accountPrivateKeyWif: PrivateKey.generate('K1').toWif(),
  }),
});

/** The server's sealed form `x1.<kid>.<nonce|ciphertext>` (server-crypto.ts). */
const sealed = (plaintextBytes) => `x1.m1.${randomB64(24 + plaintextBytes + 16)}`;

const k1PublicKey = () =>
  `PUB_K1_${Array.from(randomBytes(50), (byte) => BASE58[byte % BASE58.length]).join('')}`;

/** 12 letters a–z, unique by `index` (MONO's username rule). */
function username(random, index) {
  let name = '';
  for (let i = 0; i < 5; i += 1) name += String.fromCharCode(97 + Math.floor(random() * 26));
  let rest = index;
  for (let i = 0; i < 7; i += 1) {
    name += String.fromCharCode(97 + (rest % 26));
    rest = Math.floor(rest / 26);
  }
  return name;
}

/**
 * Every table's columns: `[name, array type, cast in the select list]`; `constants` are SQL
 * expressions for columns every row shares.
 */
const TABLES = {
  users: {
    columns: [
      ['id', 'uuid'],
      ['email_lookup', 'text'],
      ['email_sealed', 'text'],
      ['opaque_record', 'text'],
      ['wrapped_user_key', 'jsonb'],
      ['recovery_wrapped_user_key', 'jsonb'],
      ['recovery_auth_hash', 'text'],
    ],
    constants: {
      opaque_setup_version: '1',
      ksf: `'{"argon2id-custom":{"memory":65536,"iterations":3,"parallelism":4}}'::jsonb`,
    },
  },
  sessions: {
    columns: [
      ['id', 'uuid'],
      ['user_id', 'uuid'],
      ['device_name', 'text'],
      ['ip_sealed', 'text'],
    ],
    constants: {
      amr: `ARRAY[${AMR.map((method) => `'${method}'`).join(',')}]::text[]`,
      expires_at: `now() + interval '${SESSION_DAYS} days'`,
    },
  },
  cooperatives: {
    columns: [
      ['coopname', 'text'],
      ['display_name', 'text'],
      ['data_key', 'jsonb'],
      ['redirect_uris', 'text', 'text[]'],
      ['client_secret_hash', 'text'],
    ],
    // Verified by the platform's administrator: shares may go to their (non-local) redirect URIs.
    constants: { verified_at: 'now()', verified_via: "'admin'" },
  },
  card_accounts: {
    columns: [
      ['id', 'uuid'],
      ['user_id', 'uuid'],
      ['coopname', 'text'],
      ['username', 'text'],
      ['public_key', 'text'],
      ['encrypted_private_key', 'jsonb'],
      ['created_at', 'timestamptz'],
    ],
    constants: {},
  },
  memberships: {
    columns: [
      ['coopname', 'text'],
      ['username', 'text'],
    ],
    constants: {},
  },
  grants: {
    columns: [
      ['id', 'uuid'],
      ['user_id', 'uuid'],
      ['coopname', 'text'],
      ['username', 'text'],
      ['envelope', 'jsonb'],
    ],
    constants: {},
  },
};

/** Fails, naming them, when a seeded table has NOT NULL columns without a default not filled here. */
async function checkSchema(client) {
  const { rows } = await client.query(
    `SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = ANY($1)
        AND is_nullable = 'NO' AND column_default IS NULL
        AND is_identity = 'NO' AND is_generated = 'NEVER'`,
    [Object.keys(TABLES)],
  );
  const missing = rows
    .filter(({ table_name: table, column_name: column }) => {
      const { columns, constants } = TABLES[table];
      return !columns.some(([name]) => name === column) && !(column in constants);
    })
    .map(({ table_name: table, column_name: column }) => `${table}.${column}`);
  if (missing.length) {
    throw new SetupError(
      `the schema has NOT NULL columns without a default that bench/lib/seed.js does not fill: ` +
        `${missing.join(', ')}. Add them to TABLES there.`,
    );
  }
}

/** Inserts `rows` (arrays in the order of the table's columns), BATCH rows per statement. */
async function insert(client, table, rows) {
  const { columns, constants } = TABLES[table];
  const names = [...columns.map(([name]) => name), ...Object.keys(constants)];
  const select = [
    ...columns.map(([name, , cast]) => (cast ? `${name}::${cast}` : name)),
    ...Object.values(constants),
  ];
  const text =
    `INSERT INTO ${table} (${names.join(', ')}) SELECT ${select.join(', ')} FROM unnest(` +
    `${columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ')}) ` +
    `AS t(${columns.map(([name]) => name).join(', ')})`;
  for (let start = 0; start < rows.length; start += BATCH) {
    const batch = rows.slice(start, start + BATCH);
    const values = columns.map((_, i) =>
      batch.map((row) => {
        const value = row[i];
        return value !== null && typeof value === 'object' ? JSON.stringify(value) : value;
      }),
    );
    await client.query(text, values);
  }
}

/** 1 account for half the members, 2 for 30%, 3 for 20%: 1.7 on average. */
const accountCount = (random) => {
  const draw = random();
  return draw < 0.5 ? 1 : draw < 0.8 ? 2 : 3;
};

/**
 * What seedMembers writes, in memory: the members and grants to mint tokens for. `accountsEach`:
 * every member's number of accounts (at most COOPERATIVES), or the default mix.
 */
function generate(memberCount, accountsEach) {
  const random = prng(0xc0ffee ^ memberCount);
  const cooperatives = Array.from({ length: COOPERATIVES }, (_, i) => ({
    coopname: `benchcoop${i + 1}`,
    displayName: `Bench Cooperative ${i + 1}`,
    ...clientSecret(),
  }));
  const secretVersions = new Map(
    cooperatives.map(({ coopname, clientSecretHash }) => [
      coopname,
      clientSecretVersion(clientSecretHash),
    ]),
  );
  const members = [];
  const accounts = [];
  const memberships = [];
  const grants = [];
  let envelopeBytes = 0;
  // Distinct creation times, a second apart: the accounts list is ordered by them.
  const epoch = Date.now() - 86_400_000;
  for (let i = 0; i < memberCount; i += 1) {
    const member = { userId: randomUUID(), sessionId: randomUUID(), amr: AMR, accounts: [] };
    members.push(member);
    const count = accountsEach ?? accountCount(random);
    const first = Math.floor(random() * COOPERATIVES);
    for (let k = 0; k < count; k += 1) {
      const { coopname } = cooperatives[(first + k) % COOPERATIVES];
      const account = {
        id: randomUUID(),
        userId: member.userId,
        coopname,
        username: username(random, accounts.length),
        createdAt: new Date(epoch + accounts.length * 1000).toISOString(),
        confirmed: random() < MEMBERSHIP_CONFIRMED,
      };
      accounts.push(account);
      member.accounts.push(account);
      if (account.confirmed) memberships.push(account);
      if (account.confirmed && random() < SHARED_WHEN_CONFIRMED) {
        const envelope = shareEnvelope(random);
        envelopeBytes += JSON.stringify(envelope).length;
        grants.push({
          grantId: randomUUID(),
          userId: member.userId,
          coopname,
          username: account.username,
          generation: 1,
          secretVersion: secretVersions.get(coopname),
          envelope,
        });
      }
    }
  }
  return { cooperatives, members, accounts, memberships, grants, envelopeBytes };
}

/**
 * Writes `memberCount` members into the migrated database at `databaseUrl`, in one transaction,
 * then ANALYZEs the tables so the planner sees their real size. Returns the members (userId,
 * sessionId, amr, accounts) and grants (grantId, userId, coopname, username, generation,
 * envelope) to mint tokens for, and what was written. `options.accounts`: each member's number
 * of accounts (1..COOPERATIVES) instead of the default mix; `options.sealEmail(userId)`: the
 * member's sealed e-mail (secrets.js emailSealer) instead of random bytes.
 */
export async function seedMembers(databaseUrl, memberCount, options = {}) {
  const started = performance.now();
  const data = generate(memberCount, options.accounts);
  const { cooperatives, members, accounts, memberships, grants } = data;
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    await checkSchema(client);
    await client.query('BEGIN');
    await insert(
      client,
      'cooperatives',
      cooperatives.map(({ coopname, displayName, clientSecretHash }) => [
        coopname,
        displayName,
        dataKey(coopname),
        `{https://${coopname}.example/card-coop/callback}`,
        clientSecretHash,
      ]),
    );
    await insert(
      client,
      'users',
      members.map(({ userId }) => [
        userId,
        `m1.${randomB64(32)}`,
        options.sealEmail ? options.sealEmail(userId) : sealed(24),
        randomB64(192),
        symmetricEnvelope(32),
        symmetricEnvelope(32),
        randomB64(32),
      ]),
    );
    await insert(
      client,
      'sessions',
      members.map(({ sessionId, userId }) => [sessionId, userId, 'bench device', sealed(9)]),
    );
    await insert(
      client,
      'card_accounts',
      accounts.map((account) => [
        account.id,
        account.userId,
        account.coopname,
        account.username,
        k1PublicKey(),
        symmetricEnvelope(51),
        account.createdAt,
      ]),
    );
    await insert(
      client,
      'memberships',
      memberships.map(({ coopname, username: name }) => [coopname, name]),
    );
    await insert(
      client,
      'grants',
      grants.map((grant) => [
        grant.grantId,
        grant.userId,
        grant.coopname,
        grant.username,
        grant.envelope,
      ]),
    );
    await client.query('COMMIT');
    for (const table of Object.keys(TABLES)) await client.query(`ANALYZE ${table}`);
  } finally {
    await client.end();
  }
  return {
    members,
    grants,
    cooperatives: cooperatives.map(({ coopname, clientSecret: secret }) => ({
      coopname,
      clientSecret: secret,
      redirectUri: `https://${coopname}.example/card-coop/callback`,
    })),
    summary: {
      members: members.length,
      sessions: members.length,
      cooperatives: cooperatives.length,
      accounts: accounts.length,
      memberships: memberships.length,
      grants: grants.length,
      envelopeBytesMean: grants.length ? Math.round(data.envelopeBytes / grants.length) : null,
      seconds: Math.round(performance.now() - started) / 1000,
    },
  };
}
