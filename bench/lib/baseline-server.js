// The baseline of bench/vault.js: a bare Fastify + pg server, run as its own process (its own
// event loop, like the real server), that does the least the two measured endpoints must do:
// verify the EdDSA access token with jose against the server's public key (signature, issuer,
// audience, type, expiry, the same checks as the server's TokenService), then one SELECT on an
// index, and answer JSON. No session lookup, rate limiter, audit, framework pipeline or
// validation: what is left is the floor the real server is compared with.
//
// Environment: PORT, HOST, DATABASE_URL, DATABASE_POOL_MAX (default 10, the server's default),
// BASELINE_JWT_JWK (the public JWK, JSON) and BASELINE_JWT_ISSUER.
import Fastify from 'fastify';
import { importJWK, jwtVerify } from 'jose';
import pg from 'pg';

const env = process.env;
const jwk = JSON.parse(env.BASELINE_JWT_JWK);
const publicKey = await importJWK(jwk, 'EdDSA');
const verifyOptions = {
  issuer: env.BASELINE_JWT_ISSUER,
  typ: 'at+jwt',
  algorithms: ['EdDSA'],
};
const pool = new pg.Pool({
  connectionString: env.DATABASE_URL,
  max: Number(env.DATABASE_POOL_MAX ?? 10),
});

// The same rows and the same response as GET /api/v1/card/accounts, in one statement: the
// member's accounts by user id (index card_accounts_user_coop), with the cooperative's name and
// whether the membership is confirmed.
const ACCOUNTS = `SELECT a.id, a.coopname, c.display_name, c.entry_url, a.username, a.public_key,
    a.encrypted_private_key, a.created_at, a.closed_at, m.username IS NOT NULL AS confirmed
  FROM card_accounts a
  JOIN cooperatives c ON c.coopname = a.coopname
  LEFT JOIN memberships m ON m.coopname = a.coopname AND m.username = a.username
  WHERE a.user_id = $1
  ORDER BY a.closed_at IS NOT NULL, a.created_at`;
// The live grant by (username, coopname) (index grants_username_coop), with the public key of the
// member's account there (index card_accounts_username_unique), as the server answers it.
const GRANT = `SELECT g.envelope, g.generation, g.shared_at, a.public_key
  FROM grants g
  JOIN card_accounts a ON a.username = g.username
  WHERE g.username = $1 AND g.coopname = $2 AND g.revoked_at IS NULL`;

class Refused extends Error {
  constructor(status) {
    super(String(status));
    this.status = status;
  }
}

async function claims(request, audience) {
  const header = request.headers.authorization;
  if (!header?.startsWith('Bearer ')) throw new Refused(401);
  try {
    const { payload } = await jwtVerify(header.slice(7).trim(), publicKey, {
      ...verifyOptions,
      audience,
    });
    return payload;
  } catch {
    throw new Refused(401);
  }
}

const app = Fastify({ logger: false });

app.setErrorHandler((error, _request, reply) => {
  const status = error instanceof Refused ? error.status : 500;
  if (status === 500) process.stderr.write(`baseline: ${error.stack ?? error.message}\n`);
  void reply.code(status).send({ code: status === 500 ? 'INTERNAL' : 'REFUSED' });
});

app.get('/health/ready', async () => {
  await pool.query('select 1');
  return { status: 'ok' };
});

app.get('/api/v1/card/accounts', async (request) => {
  const { sub } = await claims(request, 'member');
  const { rows } = await pool.query(ACCOUNTS, [sub]);
  return {
    accounts: rows.map((row) => ({
      id: row.id,
      coopname: row.coopname,
      display_name: row.display_name,
      username: row.username,
      public_key: row.public_key,
      encrypted_private_key: row.encrypted_private_key,
      membership: row.confirmed ? 'confirmed' : 'applicant',
      created_at: row.created_at.toISOString(),
      closed_at: row.closed_at?.toISOString() ?? null,
      entry_url: row.entry_url,
    })),
  };
});

app.get('/api/v1/access/get-encrypted-data/:username/:coopname', async (request) => {
  const { username, coopname } = request.params;
  const token = await claims(request, 'coop');
  if (token.sub !== coopname || token.scope !== `grant:${username}`) throw new Refused(403);
  const { rows } = await pool.query(GRANT, [username, coopname]);
  const grant = rows[0];
  if (!grant?.envelope || grant.generation !== token.gen) throw new Refused(403);
  return {
    username,
    coopname,
    envelope: grant.envelope,
    public_key: grant.public_key,
    shared_at: grant.shared_at.toISOString(),
  };
});

async function stop() {
  await app.close();
  await pool.end();
  process.exit(0);
}
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());

await app.listen({ port: Number(env.PORT), host: env.HOST ?? '127.0.0.1' });
