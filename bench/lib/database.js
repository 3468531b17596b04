// A throwaway PostgreSQL database per run, created and dropped over an admin connection.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** Bounded waits: an unreachable or stuck PostgreSQL fails the run instead of hanging it. */
async function withAdminClient(adminUrl, action) {
  const client = new pg.Client({
    connectionString: adminUrl.toString(),
    connectionTimeoutMillis: 5000,
    query_timeout: 30_000,
  });
  await client.connect();
  try {
    return await action(client);
  } finally {
    await client.end();
  }
}

/** `adminUrl` (a URL or a string) must be allowed to create databases. Drop it with dropDatabase. */
export async function createDatabase(adminUrl) {
  const name = `cardcoop_bench_${randomBytes(6).toString('hex')}`;
  const version = await withAdminClient(adminUrl, async (client) => {
    await client.query(`CREATE DATABASE ${name}`);
    const { rows } = await client.query('SHOW server_version');
    return rows[0].server_version;
  });
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { name, url: url.toString(), adminUrl, version };
}

export async function dropDatabase(database) {
  // The name is ours (hex), so it is safe to interpolate. FORCE needs PostgreSQL 13+.
  await withAdminClient(database.adminUrl, (client) =>
    client.query(`DROP DATABASE IF EXISTS ${database.name} WITH (FORCE)`),
  );
}
