// Production-style server secrets for one run, from the built server's own generator
// (apps/server/dist/secrets-cli.js, i.e. `npm run secrets -w @cardcoop/server`): the benchmark
// hands them to the server as environment variables and signs its access tokens with the JWT key.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { SetupError } from './errors.js';
import { ROOT, SERVER_ENTRY } from './paths.js';
import { pathToFileURL } from 'node:url';

const SECRETS_CLI = path.join(path.dirname(SERVER_ENTRY), 'secrets-cli.js');

/**
 * `{ env, jwtPrivateKey }`: every `NAME=value` line the generator printed, and the first (signing)
 * Ed25519 private JWK of JWT_PRIVATE_KEYS.
 */
export async function generateServerSecrets() {
  if (!existsSync(SECRETS_CLI)) {
    throw new SetupError(`${path.relative(ROOT, SECRETS_CLI)} is missing: run npm run build first`);
  }
  const { stdout } = await promisify(execFile)(process.execPath, [SECRETS_CLI], {
    cwd: ROOT,
    timeout: 30_000,
    encoding: 'utf8',
  });
  const env = {};
  for (const line of stdout.split('\n')) {
    const separator = line.indexOf('=');
    if (separator > 0) env[line.slice(0, separator)] = line.slice(separator + 1);
  }
  const jwtPrivateKey = JSON.parse(env.JWT_PRIVATE_KEYS ?? '[]')[0];
  if (!jwtPrivateKey?.d || !jwtPrivateKey.kid) {
    throw new SetupError(`${path.relative(ROOT, SECRETS_CLI)} printed no JWT_PRIVATE_KEYS`);
  }
  return { env, jwtPrivateKey };
}

/**
 * Seals each seeded member's e-mail address as the server does (its own ServerCrypto over the
 * run's MASTER_KEYS, AAD `user:<id>`): the notices a measured request sends (a cooperative's
 * read tells the member) open it to mail them.
 */
export async function emailSealer(secrets) {
  const dist = path.dirname(SERVER_ENTRY);
  const load = (file) => import(pathToFileURL(path.join(dist, file)).href);
  const [{ ServerCrypto }, { parseMasterKeys }] = await Promise.all([
    load('infra/crypto/server-crypto.js'),
    load('infra/secrets/secrets.js'),
  ]);
  const crypto = new ServerCrypto(parseMasterKeys(secrets.env.MASTER_KEYS ?? ''));
  return (userId) => crypto.seal('email', `bench+${userId}@example.test`, `user:${userId}`);
}
