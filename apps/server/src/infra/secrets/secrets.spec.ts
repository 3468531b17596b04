import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../config/config.schema.js';
import {
  formatMasterKeys,
  generateSecrets,
  loadSecrets,
  parseJwtPrivateKeys,
  parseMasterKeys,
  secretsToEnv,
  SecretsError,
} from './secrets.js';

describe('server secrets', () => {
  it('generates development secrets once and keeps them in DATA_DIR, readable by the owner only', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'cardcoop-secrets-'));
    const config = parseConfig({ DATA_DIR: dataDir });
    const first = await loadSecrets(config);
    const second = await loadSecrets(config);
    expect(first.generated).toBe(true);
    expect(second.generated).toBe(false);
    expect(second.secrets).toEqual(first.secrets);
    const file = path.join(dataDir, 'dev-secrets.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toHaveProperty('MASTER_KEYS');
  });

  it('adds an admin API key, once, to a development file written before the admin API', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'cardcoop-secrets-'));
    const config = parseConfig({ DATA_DIR: dataDir });
    const file = path.join(dataDir, 'dev-secrets.json');
    const { ADMIN_API_KEY: _new, ...old } = secretsToEnv(await generateSecrets());
    writeFileSync(file, JSON.stringify(old));
    const upgraded = await loadSecrets(config);
    expect(upgraded.secrets.adminApiKey).toMatch(/^[\w-]{43}$/);
    expect(upgraded.secrets.opaqueServerSetup).toBe(old.OPAQUE_SERVER_SETUP);
    expect(JSON.parse(readFileSync(file, 'utf8')).ADMIN_API_KEY).toBe(upgraded.secrets.adminApiKey);
    expect((await loadSecrets(config)).secrets.adminApiKey).toBe(upgraded.secrets.adminApiKey);
  });

  it('takes the admin API key from the environment, and has none in production unless given', async () => {
    const env = secretsToEnv(await generateSecrets());
    const { ADMIN_API_KEY: key, ...withoutAdmin } = env;
    const given = await loadSecrets(parseConfig({ DATA_DIR: '/nonexistent', ...env }));
    expect(given.secrets.adminApiKey).toBe(key);
    const none = await loadSecrets(parseConfig({ DATA_DIR: '/nonexistent', ...withoutAdmin }));
    expect(none.secrets.adminApiKey).toBeUndefined();
    expect(() => parseConfig({ ADMIN_API_KEY: 'short' })).toThrow(/ADMIN_API_KEY/);
  });

  it('generates web push (VAPID) keys for development, takes given ones, checks they pair', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'cardcoop-secrets-'));
    const file = path.join(dataDir, 'dev-secrets.json');
    const {
      VAPID_PUBLIC_KEY: _pub,
      VAPID_PRIVATE_KEY: _priv,
      ...old
    } = secretsToEnv(await generateSecrets());
    writeFileSync(file, JSON.stringify(old));
    const upgraded = await loadSecrets(parseConfig({ DATA_DIR: dataDir }));
    expect(upgraded.generated).toBe(true);
    expect(upgraded.secrets.vapid?.publicKey).toMatch(/^B[\w-]{86}$/);
    expect(JSON.parse(readFileSync(file, 'utf8')).VAPID_PRIVATE_KEY).toBe(
      upgraded.secrets.vapid?.privateKey,
    );

    const env = secretsToEnv(await generateSecrets());
    const given = await loadSecrets(parseConfig({ DATA_DIR: '/nonexistent', ...env }));
    expect(given.secrets.vapid?.publicKey).toBe(env.VAPID_PUBLIC_KEY);
    const { VAPID_PUBLIC_KEY: _p, VAPID_PRIVATE_KEY: _k, ...pushless } = env;
    const none = await loadSecrets(parseConfig({ DATA_DIR: '/nonexistent', ...pushless }));
    expect(none.secrets.vapid).toBeUndefined();
    const other = secretsToEnv(await generateSecrets()).VAPID_PUBLIC_KEY!;
    await expect(
      loadSecrets(parseConfig({ DATA_DIR: '/nonexistent', ...env, VAPID_PUBLIC_KEY: other })),
    ).rejects.toThrow(/VAPID_PUBLIC_KEY: is not the public key of VAPID_PRIVATE_KEY/);
  });

  it('wants both VAPID keys, and a subject with them in production (the https public URL will do)', () => {
    expect(() => parseConfig({ VAPID_PRIVATE_KEY: 'k'.repeat(43) })).toThrow(
      /VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY go together/,
    );
    expect(() => parseConfig({ VAPID_SUBJECT: 'ops@card.coop' })).toThrow(/VAPID_SUBJECT/);
    expect(() =>
      parseConfig({
        NODE_ENV: 'production',
        VAPID_PUBLIC_KEY: `B${'p'.repeat(86)}`,
        VAPID_PRIVATE_KEY: 'k'.repeat(43),
        PUSH_CA_FILE: '/tmp/ca.pem',
      }),
    ).toThrow(/PUSH_CA_FILE: is for tests[\s\S]*VAPID_SUBJECT: is required/);
    expect(parseConfig({ PUBLIC_URL: 'https://id.card.coop/' }).push.subject).toBe(
      'https://id.card.coop',
    );
    expect(parseConfig({ VAPID_SUBJECT: 'mailto:ops@card.coop' }).push.subject).toBe(
      'mailto:ops@card.coop',
    );
    expect(parseConfig({}).push.serviceHosts).toContain('fcm.googleapis.com');
  });

  it('uses the environment when every secret is given', async () => {
    const env = secretsToEnv(await generateSecrets());
    const { secrets, generated } = await loadSecrets(
      parseConfig({ DATA_DIR: '/nonexistent', ...env }),
    );
    expect(generated).toBe(false);
    expect(secrets.opaqueServerSetup).toBe(env.OPAQUE_SERVER_SETUP);
    expect(formatMasterKeys(secrets.masterKeys)).toBe(env.MASTER_KEYS);
  });

  it('refuses at boot an OPAQUE setup the library cannot use (it would fail every login later)', async () => {
    const env = secretsToEnv(await generateSecrets());
    const garbage = { ...env, OPAQUE_SERVER_SETUP: 'A'.repeat(171) };
    await expect(
      loadSecrets(parseConfig({ DATA_DIR: '/nonexistent', ...garbage })),
    ).rejects.toThrow(/OPAQUE_SERVER_SETUP: is not an OPAQUE server setup/);
  });

  it('rejects malformed master keys and JWT keys', () => {
    expect(() => parseMasterKeys('m1:short')).toThrow(SecretsError);
    expect(() => parseMasterKeys(`m1:${'A'.repeat(43)},m1:${'B'.repeat(43)}`)).toThrow(/duplicate/);
    expect(() => parseJwtPrivateKeys('{}')).toThrow(SecretsError);
    expect(() => parseJwtPrivateKeys('[{"kty":"EC","kid":"a"}]')).toThrow(SecretsError);
    expect(() => parseJwtPrivateKeys('not json')).toThrow(SecretsError);
  });
});
