import type { Server } from 'node:http';

/** Options of {@link createCoopSite}; `main.js` reads them from the environment. */
export interface CoopSiteOptions {
  /** The card.coop server (CARDCOOP_URL); `http://localhost:3000` by default. */
  cardcoopUrl?: string;
  /** PORT; 4000 by default, 0 for any free port. */
  port?: number;
  /** HOST to listen on; `localhost` by default. */
  host?: string;
  /** SITE_URL: the site's public origin when it differs from `http://<host>:<port>`. */
  publicUrl?: string;
  /** COOPNAME: the cooperative's Antelope account name; `voskhodsite1` by default. */
  coopname?: string;
  /** COOP_DISPLAY_NAME, used when the cooperative is registered. */
  displayName?: string;
  /** Card fields the cooperative asks for, used when it is registered. */
  requestedFields?: string[];
  /** CARDCOOP_ADMIN_KEY; read from `devSecretsPath` when absent. */
  adminKey?: string;
  /** CARDCOOP_DEV_SECRETS: a development card.coop's secrets file (`data/dev-secrets.json`). */
  devSecretsPath?: string;
  /** COOP_SITE_STATE_DIR: keys, client secret and members; `examples/coop-site/.state`. */
  stateDir?: string;
  /** Every request to card.coop goes through it (tests watch it). */
  fetch?: typeof globalThis.fetch;
  /** One line per event; standard error by default. */
  log?: (line: string) => void;
}

/** A running site. */
export interface CoopSite {
  server: Server;
  /** The site's origin, e.g. `http://localhost:4000`. */
  url: string;
  /** What provisioning settled on (public values only). */
  coop: {
    coopname: string;
    displayName: string;
    /** The redirect URI registered in card.coop. */
    callback: string;
    /** The published data key's id and SHA-256 fingerprint (hex). */
    kid: string;
    fingerprint: string;
  };
  close(): Promise<void>;
}

/**
 * Starts the example cooperative site: listens, provisions the cooperative in card.coop (once;
 * the state dir remembers), then serves `/`, `/join` (redirect), `/join/start` (popup and
 * iframe, with card.coop's `/widget.js`) and `/callback`.
 *
 * @example
 * ```ts
 * const site = await createCoopSite({ cardcoopUrl: 'http://localhost:3000', port: 0 });
 * console.log(site.url);
 * await site.close();
 * ```
 */
export function createCoopSite(options?: CoopSiteOptions): Promise<CoopSite>;

/**
 * The options `main.js` takes from the environment: CARDCOOP_URL, PORT, HOST, SITE_URL,
 * COOPNAME, COOP_DISPLAY_NAME, CARDCOOP_ADMIN_KEY, CARDCOOP_DEV_SECRETS, COOP_SITE_STATE_DIR.
 *
 * @example
 * ```ts
 * const site = await createCoopSite(configFromEnv(process.env));
 * ```
 */
export function configFromEnv(env: Record<string, string | undefined>): CoopSiteOptions;
