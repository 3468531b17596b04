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
