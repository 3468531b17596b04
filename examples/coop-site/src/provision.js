// @ts-check
import { readFile } from 'node:fs/promises';
import { certifyDataKey, dataKeyFingerprint, generateDataKey } from '@cardcoop/sdk/coop';
import { PrivateKey } from '@wharfkit/antelope';
import { CardCoopApiError } from './cardcoop-api.js';

/**
 * @typedef {import('./config.js').SiteConfig} SiteConfig
 * @typedef {import('./state.js').StateStore} StateStore
 * @typedef {import('./cardcoop-api.js').CardCoopApi} CardCoopApi
 * @typedef {import('./cardcoop-api.js').AdminCooperative} AdminCooperative
 *
 * @typedef {{
 *   coopname: string;
 *   account: { private_key: string; public_key: string };
 *   data_key: { kid: string; public_key: string; private_key: string };
 *   certificate: import('@cardcoop/contracts').DataKeyCertificate;
 * }} KeysFile
 * @typedef {{ coopname: string; cardcoop_url: string; client_secret: string }} CredentialsFile
 */

const KEYS = 'keys.json';
const CREDENTIALS = 'credentials.json';

/**
 * Makes the cooperative ready to receive shares; safe to run on every start:
 * 1. its own keys, made once and kept in the state dir: the K1 account key (on chain in real
 *    life) and the HPKE data key certified by it;
 * 2. its registration in card.coop (admin API): created when missing, then kept in line with the
 *    site — its callback and origin registered, admission `open`, and its quick entry page
 *    `/entry` (ADR 018) where card.coop accepts it (https, or http on the loopback host);
 * 3. client credentials: the secret from the creation, or a rotated one when the saved secret is
 *    missing or refused;
 * 4. the data key certificate published with those credentials.
 *
 * @param {{ config: SiteConfig; state: StateStore; api: CardCoopApi; origin: string }} input
 */
export async function provision({ config, state, api, origin }) {
  const { coopname, cardcoopUrl, log } = config;
  const callback = `${origin}/callback`;
  const entry = quickEntryUrl(origin);
  const keys = await ensureKeys(state, coopname);
  const admin = api.admin(await adminKey(config));

  let cooperative = await admin.get(coopname);
  /** @type {string | undefined} */
  let secret;
  if (cooperative === null) {
    try {
      const created = await admin.create({
        coopname,
        display_name: config.displayName,
        origins: [origin],
        redirect_uris: [callback],
        entry_url: entry,
        admission: 'open',
        requested_fields: config.requestedFields,
      });
      ({ cooperative, client_secret: secret } = created);
      await saveSecret(state, config, secret);
      log(`card.coop: registered the cooperative ${coopname}`);
    } catch (error) {
      if (!(error instanceof CardCoopApiError && error.status === 409)) throw error;
      cooperative = await admin.get(coopname); // created concurrently
    }
  }
  if (cooperative === null) throw new Error(`card.coop lost the cooperative ${coopname}.`);
  cooperative = await alignSettings(admin, cooperative, { origin, callback, entry });

  if (secret === undefined) {
    /** @type {CredentialsFile | undefined} */
    const saved = await state.read(CREDENTIALS);
    const usable = saved?.coopname === coopname && saved.cardcoop_url === cardcoopUrl;
    secret = usable ? saved.client_secret : await rotate(admin, state, config);
  }

  // Publishing is idempotent, and proves the saved secret still works (card.coop's database may
  // have been reset, or the secret rotated by an operator since).
  try {
    await api.coop(coopname, secret).publishDataKey(keys.certificate);
  } catch (error) {
    if (!(error instanceof CardCoopApiError && error.status === 401)) throw error;
    secret = await rotate(admin, state, config);
    await api.coop(coopname, secret).publishDataKey(keys.certificate);
  }

  return {
    coopname,
    displayName: cooperative.display_name,
    clientSecret: secret,
    callback,
    dataKey: {
      kid: keys.data_key.kid,
      publicKey: keys.data_key.public_key,
      privateKey: keys.data_key.private_key,
      fingerprint: dataKeyFingerprint(keys.data_key.public_key),
    },
  };
}

/** @typedef {Awaited<ReturnType<typeof provision>>} ProvisionedCoop */

/**
 * @param {StateStore} state
 * @param {string} coopname
 * @returns {Promise<KeysFile>}
 */
async function ensureKeys(state, coopname) {
  /** @type {KeysFile | undefined} */
  const saved = await state.read(KEYS);
  if (saved !== undefined) {
    if (saved.coopname !== coopname) {
      throw new Error(
        `${state.dir} holds the keys of ${saved.coopname}, not ${coopname}: ` +
          'use another COOP_SITE_STATE_DIR (or delete that directory to start over).',
      );
    }
    return saved;
  }
  const account = PrivateKey.generate('K1');
  const dataKey = await generateDataKey({ coopname });
  const certificate = certifyDataKey({
    coopname,
    kid: dataKey.kid,
    publicKey: dataKey.publicKey,
    accountPrivateKeyWif: account.toWif(),
  });
  /** @type {KeysFile} */
  const keys = {
    coopname,
    account: { private_key: account.toWif(), public_key: account.toPublic().toString() },
    data_key: { kid: dataKey.kid, public_key: dataKey.publicKey, private_key: dataKey.privateKey },
    certificate,
  };
  await state.write(KEYS, keys); // before anything is published that depends on them
  return keys;
}

/**
 * Where "Open" on a member's account in card.coop leads: this site's `/entry`. card.coop takes
 * https entry pages, and plain http on the loopback host only; elsewhere the site has none.
 *
 * @param {string} origin
 * @returns {string | null}
 */
function quickEntryUrl(origin) {
  const { protocol, hostname } = new URL(origin);
  const loopback = hostname === 'localhost' || hostname === '127.0.0.1';
  return protocol === 'https:' || loopback ? `${origin}/entry` : null;
}

/**
 * The registration must send members back to this site, and take applicants.
 *
 * @param {ReturnType<CardCoopApi['admin']>} admin
 * @param {AdminCooperative} cooperative
 * @param {{ origin: string; callback: string; entry: string | null }} site
 * @returns {Promise<AdminCooperative>}
 */
async function alignSettings(admin, cooperative, { origin, callback, entry }) {
  for (let attempt = 0; ; attempt++) {
    /** @type {Record<string, unknown>} */
    const change = {};
    if (!cooperative.redirect_uris.includes(callback)) {
      change.redirect_uris = [...cooperative.redirect_uris, callback];
    }
    if (!cooperative.origins.includes(origin)) change.origins = [...cooperative.origins, origin];
    if (cooperative.admission !== 'open') change.admission = 'open';
    if (entry !== null && cooperative.entry_url !== entry) change.entry_url = entry;
    if (cooperative.status !== 'active') change.status = 'active';
    if (Object.keys(change).length === 0) return cooperative;
    try {
      return await admin.update(cooperative.coopname, {
        expected_revision: cooperative.revision,
        ...change,
      });
    } catch (error) {
      if (attempt > 0 || !(error instanceof CardCoopApiError && error.status === 409)) throw error;
      const fresh = await admin.get(cooperative.coopname); // changed meanwhile: re-read, retry
      if (fresh === null) throw error;
      cooperative = fresh;
    }
  }
}

/**
 * @param {ReturnType<CardCoopApi['admin']>} admin
 * @param {StateStore} state
 * @param {SiteConfig} config
 */
async function rotate(admin, state, config) {
  const { client_secret: secret } = await admin.rotateSecret(config.coopname);
  await saveSecret(state, config, secret);
  config.log(
    `card.coop: new client secret for ${config.coopname} (none saved, or the saved one was refused)`,
  );
  return secret;
}

/**
 * @param {StateStore} state
 * @param {SiteConfig} config
 * @param {string} secret
 */
async function saveSecret(state, config, secret) {
  /** @type {CredentialsFile} */
  const file = {
    coopname: config.coopname,
    cardcoop_url: config.cardcoopUrl,
    client_secret: secret,
  };
  await state.write(CREDENTIALS, file);
}

/**
 * The operator's admin key: CARDCOOP_ADMIN_KEY, or the one a development card.coop generated in
 * its secrets file.
 *
 * @param {SiteConfig} config
 */
async function adminKey(config) {
  if (config.adminKey) return config.adminKey;
  let secrets;
  try {
    secrets = JSON.parse(await readFile(config.devSecretsPath, 'utf8'));
  } catch (cause) {
    throw new Error(
      `No admin key: set CARDCOOP_ADMIN_KEY, or start card.coop locally (npm start) so that ` +
        `${config.devSecretsPath} exists (or point CARDCOOP_DEV_SECRETS at it).`,
      { cause },
    );
  }
  if (typeof secrets?.ADMIN_API_KEY !== 'string' || secrets.ADMIN_API_KEY === '') {
    throw new Error(
      `${config.devSecretsPath} has no ADMIN_API_KEY: restart card.coop (it adds one), ` +
        'or set CARDCOOP_ADMIN_KEY.',
    );
  }
  return secrets.ADMIN_API_KEY;
}
