// @ts-check
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createCardCoopApi } from './cardcoop-api.js';
import { resolveConfig, siteOrigin } from './config.js';
import { MESSAGES } from './i18n.js';
import { createMembersStore } from './members.js';
import { errorPage } from './pages.js';
import { provision } from './provision.js';
import { createHandler } from './routes.js';
import { createSessionStore } from './sessions.js';
import { createStateStore } from './state.js';

/**
 * Starts the site: listens first (its origin, with the port actually bound, is what card.coop
 * must know as its callback), then provisions the cooperative in card.coop, then serves.
 *
 * @param {import('../index.js').CoopSiteOptions} [options]
 * @returns {Promise<import('../index.js').CoopSite>}
 */
export async function createCoopSite(options = {}) {
  const config = resolveConfig(options);
  const css = await readFile(new URL('../public/style.css', import.meta.url), 'utf8');
  const script = await readFile(new URL('../public/join.js', import.meta.url), 'utf8');

  /** @type {((request: import('node:http').IncomingMessage, response: import('node:http').ServerResponse) => Promise<void>) | undefined} */
  let handler;
  const server = createServer((request, response) => {
    if (handler !== undefined) {
      void handler(request, response);
      return;
    }
    response.writeHead(503, { 'content-type': 'text/html; charset=utf-8', 'retry-after': '2' });
    const coop = { displayName: config.displayName };
    const m = MESSAGES.ru;
    response.end(errorPage({ m, coop, error: m.errors.starting }));
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve(undefined);
    });
  });
  const close = () =>
    new Promise((resolve) => {
      server.close(() => resolve(undefined));
      server.closeAllConnections();
    });

  try {
    const address = server.address();
    const port = typeof address === 'object' && address !== null ? address.port : config.port;
    const origin = siteOrigin(config, port);
    const state = createStateStore(config.stateDir);
    const api = createCardCoopApi({ baseUrl: config.cardcoopUrl, fetch: config.fetch });
    const coop = await provision({ config, state, api, origin });
    handler = createHandler({
      config,
      coop,
      origin,
      api,
      css,
      script,
      sessions: createSessionStore({ secureCookie: origin.startsWith('https:') }),
      members: createMembersStore(state),
    });
    return {
      server,
      url: origin,
      coop: {
        coopname: coop.coopname,
        displayName: coop.displayName,
        callback: coop.callback,
        kid: coop.dataKey.kid,
        fingerprint: coop.dataKey.fingerprint.hex,
      },
      close: async () => {
        await close();
      },
    };
  } catch (error) {
    await close();
    throw error;
  }
}
