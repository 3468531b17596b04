// @ts-check
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** @typedef {import('../index.js').CoopSiteOptions} CoopSiteOptions */

const here = path.dirname(fileURLToPath(import.meta.url));
const exampleDir = path.resolve(here, '..');
const repoRoot = path.resolve(exampleDir, '../..');

export const DEFAULTS = Object.freeze({
  cardcoopUrl: 'http://localhost:3000',
  port: 4000,
  host: 'localhost',
  coopname: 'voskhodsite1',
  displayName: 'ПК «Восход» — пример сайта',
  /** What the site asks members to share (card fields; shown on the consent screen). */
  requestedFields: ['last_name', 'first_name', 'middle_name', 'birthdate', 'phone', 'email'],
  stateDir: path.join(exampleDir, '.state'),
  /** Where `npm start` at the repo root keeps the development secrets of card.coop. */
  devSecretsPath: path.join(repoRoot, 'data', 'dev-secrets.json'),
});

/** Same rule as `antelopeNameSchema` in @cardcoop/contracts. */
const ANTELOPE_NAME = /(^[a-z1-5.]{1,11}[a-z1-5]$)|(^[a-z1-5.]{12}[a-j1-5]$)/;

/**
 * The site's options from the environment (`main.js`); unset variables keep the defaults.
 *
 * @param {Record<string, string | undefined>} env
 * @returns {CoopSiteOptions}
 */
export function configFromEnv(env) {
  /** @type {CoopSiteOptions} */
  const options = {};
  if (env.CARDCOOP_URL) options.cardcoopUrl = env.CARDCOOP_URL;
  if (env.PORT) options.port = Number(env.PORT);
  if (env.HOST) options.host = env.HOST;
  if (env.SITE_URL) options.publicUrl = env.SITE_URL;
  if (env.COOPNAME) options.coopname = env.COOPNAME;
  if (env.COOP_DISPLAY_NAME) options.displayName = env.COOP_DISPLAY_NAME;
  if (env.CARDCOOP_ADMIN_KEY) options.adminKey = env.CARDCOOP_ADMIN_KEY;
  if (env.CARDCOOP_DEV_SECRETS) options.devSecretsPath = env.CARDCOOP_DEV_SECRETS;
  if (env.COOP_SITE_STATE_DIR) options.stateDir = env.COOP_SITE_STATE_DIR;
  return options;
}

/**
 * Options with defaults filled in and checked, so a typo fails at start with a clear message.
 *
 * @param {CoopSiteOptions} options
 */
export function resolveConfig(options) {
  const config = {
    cardcoopUrl: httpUrl(options.cardcoopUrl ?? DEFAULTS.cardcoopUrl, 'CARDCOOP_URL'),
    port: options.port ?? DEFAULTS.port,
    host: options.host ?? DEFAULTS.host,
    publicUrl: options.publicUrl === undefined ? undefined : httpUrl(options.publicUrl, 'SITE_URL'),
    coopname: options.coopname ?? DEFAULTS.coopname,
    displayName: options.displayName ?? DEFAULTS.displayName,
    requestedFields: options.requestedFields ?? [...DEFAULTS.requestedFields],
    adminKey: options.adminKey,
    devSecretsPath: path.resolve(options.devSecretsPath ?? DEFAULTS.devSecretsPath),
    stateDir: path.resolve(options.stateDir ?? DEFAULTS.stateDir),
    fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
    log: options.log ?? ((/** @type {string} */ line) => process.stderr.write(`${line}\n`)),
  };
  if (!Number.isInteger(config.port) || config.port < 0 || config.port > 65535) {
    throw new TypeError('PORT must be a port number (0–65535).');
  }
  if (!ANTELOPE_NAME.test(config.coopname)) {
    throw new TypeError(
      'COOPNAME must be an Antelope account name: up to 12 characters a-z, 1-5 and dots.',
    );
  }
  return config;
}

/** @typedef {ReturnType<typeof resolveConfig>} SiteConfig */

/**
 * The site's public origin: SITE_URL when given, otherwise the address it listens on.
 *
 * @param {SiteConfig} config
 * @param {number} port the port actually bound (PORT may be 0)
 */
export function siteOrigin(config, port) {
  if (config.publicUrl !== undefined) return new URL(config.publicUrl).origin;
  const unspecified = ['0.0.0.0', '::', ''].includes(config.host);
  const host = unspecified ? 'localhost' : config.host;
  return new URL(`http://${host.includes(':') ? `[${host}]` : host}:${port}`).origin;
}

/**
 * @param {string} value
 * @param {string} name
 */
function httpUrl(value, name) {
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new TypeError(`${name} must be an absolute http(s) URL, got "${value}".`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(`${name} must be an http(s) URL, got "${value}".`);
  }
  return value.replace(/\/+$/, '');
}
