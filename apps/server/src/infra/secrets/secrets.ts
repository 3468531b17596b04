import { createECDH, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as opaque from '@serenity-kit/opaque';
import { exportJWK, generateKeyPair } from 'jose';
import type { JWK } from 'jose';
import type { Config } from '../../config/config.schema.js';
import { fromBase64Url, toBase64Url } from '../crypto/encoding.js';

export interface MasterKey {
  kid: string;
  key: Uint8Array;
}

/** Key material the server cannot run without. Never stored in the database or its backups. */
export interface ServerSecrets {
  /** OPAQUE server setup (contains the server's long-term OPAQUE key pair). */
  opaqueServerSetup: string;
  /** Ed25519 private JWKs; the first signs, all verify. */
  jwtPrivateKeys: JWK[];
  /** Versioned master keys for at-rest encryption and lookups; the first is current. */
  masterKeys: MasterKey[];
  /** Bearer key of the admin API (`/api/v1/admin`); without one the admin API refuses everyone. */
  adminApiKey?: string;
  /** The web push (VAPID) key pair, base64url; without one, push is off. */
  vapid?: VapidKeys;
}

export interface VapidKeys {
  /** Uncompressed P-256 point (65 bytes). */
  publicKey: string;
  /** P-256 scalar (32 bytes). */
  privateKey: string;
}

export const SERVER_SECRETS = Symbol('SERVER_SECRETS');

export class SecretsError extends Error {}

/** `kid:base64url(32 bytes)`, comma-separated, newest first. */
export function parseMasterKeys(value: string): MasterKey[] {
  const keys = value.split(',').map((entry) => {
    const [kid, encoded] = entry.trim().split(':');
    const key = encoded ? fromBase64Url(encoded) : new Uint8Array();
    if (!kid || !/^[\w-]{1,32}$/.test(kid) || key.length !== 32) {
      throw new SecretsError('MASTER_KEYS: each entry must be kid:base64url(32 random bytes)');
    }
    return { kid, key };
  });
  if (new Set(keys.map((k) => k.kid)).size !== keys.length)
    throw new SecretsError('MASTER_KEYS: duplicate kid');
  return keys;
}

export function formatMasterKeys(keys: MasterKey[]): string {
  return keys.map(({ kid, key }) => `${kid}:${toBase64Url(key)}`).join(',');
}

export function parseJwtPrivateKeys(value: string): JWK[] {
  let keys: unknown;
  try {
    keys = JSON.parse(value);
  } catch {
    throw new SecretsError('JWT_PRIVATE_KEYS: must be a JSON array of Ed25519 private JWKs');
  }
  const valid =
    Array.isArray(keys) &&
    keys.length > 0 &&
    keys.every(
      (k: JWK) =>
        k.kty === 'OKP' &&
        k.crv === 'Ed25519' &&
        typeof k.d === 'string' &&
        typeof k.kid === 'string',
    );
  if (!valid)
    throw new SecretsError(
      'JWT_PRIVATE_KEYS: must be a JSON array of Ed25519 private JWKs with kid',
    );
  return keys as JWK[];
}

const newAdminApiKey = () => randomBytes(32).toString('base64url');

function newVapidKeys(): VapidKeys {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return {
    publicKey: ecdh.getPublicKey('base64url'),
    privateKey: ecdh.getPrivateKey('base64url'),
  };
}

/** A public key that is not the private key's would pass boot and then fail every push. */
function checkedVapidKeys(publicKey: string, privateKey: string): VapidKeys {
  const ecdh = createECDH('prime256v1');
  try {
    ecdh.setPrivateKey(privateKey, 'base64url');
  } catch {
    throw new SecretsError('VAPID_PRIVATE_KEY: is not a P-256 private key');
  }
  if (ecdh.getPublicKey('base64url') !== publicKey)
    throw new SecretsError('VAPID_PUBLIC_KEY: is not the public key of VAPID_PRIVATE_KEY');
  return { publicKey, privateKey };
}

/** Fresh secrets, e.g. for `npm run secrets` or a development machine's first boot. */
export async function generateSecrets(): Promise<ServerSecrets> {
  await opaque.ready;
  const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const jwk = {
    ...(await exportJWK(privateKey)),
    kid: `k${Date.now().toString(36)}`,
    alg: 'EdDSA',
  };
  return {
    opaqueServerSetup: opaque.server.createSetup(),
    jwtPrivateKeys: [jwk],
    masterKeys: [{ kid: 'm1', key: new Uint8Array(randomBytes(32)) }],
    adminApiKey: newAdminApiKey(),
    vapid: newVapidKeys(),
  };
}

function serialize(secrets: ServerSecrets): Record<string, string> {
  return {
    OPAQUE_SERVER_SETUP: secrets.opaqueServerSetup,
    JWT_PRIVATE_KEYS: JSON.stringify(secrets.jwtPrivateKeys),
    MASTER_KEYS: formatMasterKeys(secrets.masterKeys),
    ...(secrets.adminApiKey ? { ADMIN_API_KEY: secrets.adminApiKey } : {}),
    ...(secrets.vapid
      ? { VAPID_PUBLIC_KEY: secrets.vapid.publicKey, VAPID_PRIVATE_KEY: secrets.vapid.privateKey }
      : {}),
  };
}

/** A setup the OPAQUE library cannot use would pass boot and then fail every login. */
function checkedOpaqueSetup(setup: string): string {
  try {
    opaque.server.getPublicKey(setup);
    return setup;
  } catch {
    throw new SecretsError(
      'OPAQUE_SERVER_SETUP: is not an OPAQUE server setup (see `npm run secrets`)',
    );
  }
}

function parse(values: Record<string, string>): ServerSecrets {
  return {
    opaqueServerSetup: checkedOpaqueSetup(values.OPAQUE_SERVER_SETUP ?? ''),
    jwtPrivateKeys: parseJwtPrivateKeys(values.JWT_PRIVATE_KEYS ?? ''),
    masterKeys: parseMasterKeys(values.MASTER_KEYS ?? ''),
    adminApiKey: values.ADMIN_API_KEY,
    ...(values.VAPID_PUBLIC_KEY && values.VAPID_PRIVATE_KEY
      ? { vapid: checkedVapidKeys(values.VAPID_PUBLIC_KEY, values.VAPID_PRIVATE_KEY) }
      : {}),
  };
}

/**
 * Production: every secret comes from the environment (config refuses to start otherwise).
 * Development: missing secrets are generated once and kept in DATA_DIR/dev-secrets.json, so a
 * restart keeps every account usable.
 */
export async function loadSecrets(
  config: Config,
): Promise<{ secrets: ServerSecrets; generated: boolean }> {
  await opaque.ready;
  const given = config.secrets;
  if (given.opaqueServerSetup && given.jwtPrivateKeys && given.masterKeys) {
    return {
      secrets: parse({
        OPAQUE_SERVER_SETUP: given.opaqueServerSetup,
        JWT_PRIVATE_KEYS: given.jwtPrivateKeys,
        MASTER_KEYS: given.masterKeys,
        ...(given.adminApiKey ? { ADMIN_API_KEY: given.adminApiKey } : {}),
        ...(given.vapidPublicKey && given.vapidPrivateKey
          ? { VAPID_PUBLIC_KEY: given.vapidPublicKey, VAPID_PRIVATE_KEY: given.vapidPrivateKey }
          : {}),
      }),
      generated: false,
    };
  }
  if (config.production)
    throw new SecretsError(
      'production needs OPAQUE_SERVER_SETUP, JWT_PRIVATE_KEYS and MASTER_KEYS',
    );
  const file = path.join(config.database.dataDir, 'dev-secrets.json');
  if (existsSync(file)) {
    const secrets = parse(JSON.parse(readFileSync(file, 'utf8')));
    // Files written before the admin API or web push existed get their keys added, once.
    if (secrets.adminApiKey && secrets.vapid) return { secrets, generated: false };
    secrets.adminApiKey ??= newAdminApiKey();
    secrets.vapid ??= newVapidKeys();
    writeSecrets(file, secrets);
    return { secrets, generated: true };
  }
  const secrets = await generateSecrets();
  mkdirSync(path.dirname(file), { recursive: true });
  writeSecrets(file, secrets);
  return { secrets, generated: true };
}

function writeSecrets(file: string, secrets: ServerSecrets): void {
  writeFileSync(file, `${JSON.stringify(serialize(secrets), null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
}

export { serialize as secretsToEnv };
