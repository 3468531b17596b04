// @ts-check
import {
  connectUrl,
  exchangeTicket,
  fetchSharedData,
  openSharedData,
  startShare,
} from '@cardcoop/sdk/coop';
import { BodyError, readForm } from './body.js';
import { chooseLang, MESSAGES } from './i18n.js';
import { errorPage, homePage, welcomePage } from './pages.js';
import { sameSecret } from './sessions.js';

/**
 * @typedef {import('node:http').IncomingMessage} Request
 * @typedef {import('node:http').ServerResponse} Response
 * @typedef {import('./i18n.js').Messages} Messages
 * @typedef {{
 *   config: import('./config.js').SiteConfig;
 *   coop: import('./provision.js').ProvisionedCoop;
 *   origin: string;
 *   api: import('./cardcoop-api.js').CardCoopApi;
 *   sessions: import('./sessions.js').SessionStore;
 *   members: import('./members.js').MembersStore;
 *   css: string;
 *   script: string;
 * }} SiteContext
 * @typedef {{ request: Request; response: Response; url: URL; m: Messages; locale: string }} Exchange
 * @typedef {(exchange: Exchange) => Promise<void> | void} Handler
 * @typedef {(response: Response, status: number, type: string, body: string, cache?: string) => void} Send
 */

/**
 * Scripts: the site's own and card.coop's widget; frames: card.coop's embed page only.
 *
 * @param {string} cardcoopOrigin
 */
function securityHeaders(cardcoopOrigin) {
  return {
    'content-security-policy': [
      "default-src 'none'",
      `script-src 'self' ${cardcoopOrigin}`,
      `frame-src ${cardcoopOrigin}`,
      "connect-src 'self'",
      "style-src 'self'",
      "img-src 'self'",
      "form-action 'self'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
    ].join('; '),
    // The callback's address carries the ticket: it must not leak to the next site visited.
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
  };
}

/** A failure the member sees as a page, never as a stack trace. */
class PageError extends Error {
  /**
   * @param {number} status
   * @param {import('./i18n.js').ErrorKey} key
   * @param {{ code?: string; again?: boolean }} [options]
   */
  constructor(status, key, { code, again = false } = {}) {
    super(key);
    this.status = status;
    this.key = key;
    this.code = code;
    this.again = again;
  }
}

/**
 * The site's routes:
 * - `GET /` — the cooperative, the join buttons and the members who joined through the site;
 * - `GET /join` — redirect flow: starts a share (state + PKCE, kept in the session) and
 *   redirects to card.coop;
 * - `GET /entry` — quick entry (ADR 018), where "Open" on the member's account in card.coop
 *   leads: the same with `prompt=none`, so a member whose consent covers what the site asks
 *   comes straight back signed in, with fresh values of the same fields;
 * - `POST /join/start` — popup and iframe (card.coop's `/widget.js`): starts a share whose
 *   ticket is bound to this site's origin and tells the page's script the state and the PKCE
 *   challenge (the verifier stays here);
 * - `GET /callback?ticket=…&state=…` (redirect) or `POST /callback` (the page's script posts
 *   what the widget handed over, as a form) — checks state, exchanges the ticket, fetches and
 *   opens the data, admits the applicant in card.coop and welcomes them.
 *
 * @param {SiteContext} context
 * @returns {(request: Request, response: Response) => Promise<void>}
 */
export function createHandler(context) {
  const { config, coop, origin } = context;
  const secureCookie = origin.startsWith('https:');
  const headers = securityHeaders(new URL(config.cardcoopUrl).origin);
  const info = {
    displayName: coop.displayName,
    coopname: coop.coopname,
    fingerprint: coop.dataKey.fingerprint.display,
    cardcoopUrl: config.cardcoopUrl,
  };
  /** @type {Send} */
  const send = (response, status, type, body, cache = 'no-store') => {
    response.writeHead(status, {
      ...headers,
      'content-type': `${type}; charset=utf-8`,
      'cache-control': cache,
    });
    response.end(body);
  };

  /**
   * Starts a share: one pending request per session, so starting again (another tab, another
   * button) replaces the earlier one.
   *
   * @param {Request} request
   * @param {Response} response
   * @param {string} redirectUri
   * @param {'none'} [prompt] quick entry: no consent screen when nothing more is asked
   */
  const start = async (request, response, redirectUri, prompt) => {
    const session = context.sessions.ensure(request, response);
    const started = await startShare({ redirectUri, ...(prompt ? { prompt } : {}) });
    session.pendingShare = { ...started, startedAt: Date.now() };
    return started;
  };

  /**
   * The redirect flow: a share started here, the member sent to card.coop.
   *
   * @param {Request} request
   * @param {Response} response
   * @param {'none'} [prompt] quick entry: no consent screen when nothing more is asked
   */
  const redirectToConnect = async (request, response, prompt) => {
    const started = await start(request, response, coop.callback, prompt);
    const location = connectUrl({ baseUrl: config.cardcoopUrl, coopname: coop.coopname, started });
    response.writeHead(302, { ...headers, 'cache-control': 'no-store', location });
    response.end();
  };

  /** @type {Record<string, { GET?: Handler; POST?: Handler }>} */
  const routes = {
    '/': {
      GET: async ({ response, m, locale }) => {
        const members = await context.members.list();
        send(response, 200, 'text/html', homePage({ m, coop: info, members, locale }));
      },
    },

    '/join': {
      GET: ({ request, response }) => redirectToConnect(request, response),
    },

    '/entry': {
      GET: ({ request, response }) => redirectToConnect(request, response, 'none'),
    },

    '/join/start': {
      // In web_message mode the ticket is bound to a registered origin: this site's.
      POST: async ({ request, response }) => {
        const started = await start(request, response, origin);
        const answer = {
          coopname: coop.coopname,
          state: started.state,
          code_challenge: started.codeChallenge,
        };
        send(response, 200, 'application/json', JSON.stringify(answer));
      },
    },

    '/callback': {
      GET: (exchange) => callback(context, exchange, info, exchange.url.searchParams, send),
      POST: async (exchange) =>
        callback(context, exchange, info, await readForm(exchange.request), send),
    },

    '/style.css': {
      GET: ({ response }) => send(response, 200, 'text/css', context.css, 'public, max-age=300'),
    },

    '/join.js': {
      GET: ({ response }) =>
        send(response, 200, 'text/javascript', context.script, 'public, max-age=300'),
    },
  };

  return async (request, response) => {
    const url = new URL(request.url ?? '/', origin);
    const lang = chooseLang(request, response, url, secureCookie);
    const m = MESSAGES[lang];
    const locale = lang === 'ru' ? 'ru-RU' : 'en-GB';
    try {
      const route = Object.hasOwn(routes, url.pathname) ? routes[url.pathname] : undefined;
      if (route === undefined) throw new PageError(404, 'not_found');
      const method = request.method === 'HEAD' ? 'GET' : request.method;
      const handler = method === 'GET' || method === 'POST' ? route[method] : undefined;
      if (handler === undefined) {
        const allowed = Object.keys(route).flatMap((name) =>
          name === 'GET' ? [name, 'HEAD'] : name,
        );
        response.setHeader('allow', allowed.join(', '));
        throw new PageError(405, 'method');
      }
      await handler({ request, response, url, m, locale });
    } catch (error) {
      const failure =
        error instanceof PageError
          ? error
          : error instanceof BodyError
            ? new PageError(error.status, 'bad_request')
            : classify(error, config.log, request.method, url);
      if (response.headersSent) {
        response.destroy();
        return;
      }
      const page = errorPage({
        m,
        coop: info,
        error: m.errors[failure.key],
        code: failure.code,
        again: failure.again,
      });
      send(response, failure.status, 'text/html', page);
    }
  };
}

/**
 * @param {SiteContext} context
 * @param {Exchange} exchange
 * @param {import('./pages.js').CoopInfo} info
 * @param {URLSearchParams} params `ticket` + `state`, or `error` + `state`
 * @param {Send} send
 */
async function callback(context, { request, response, m, locale }, info, params, send) {
  const { config, coop, sessions } = context;
  const session = sessions.find(request);
  const pending = session?.pendingShare;
  const state = params.get('state');
  const stateMatches = pending !== undefined && state !== null && sameSecret(state, pending.state);

  const declined = params.get('error');
  if (declined !== null) {
    if (stateMatches && session !== undefined) sessions.takePendingShare(session);
    if (declined === 'access_denied') throw new PageError(400, 'declined', { again: true });
    throw new PageError(400, 'cardcoop_error', { code: declined.slice(0, 64), again: true });
  }
  const ticket = params.get('ticket');
  if (!ticket || !state) throw new PageError(400, 'bad_callback', { again: true });
  if (session === undefined || pending === undefined) {
    throw new PageError(400, 'session_expired', { again: true });
  }
  // A forged or stale callback is refused before anything reaches card.coop; the member's own
  // pending request stays usable.
  if (!stateMatches) throw new PageError(400, 'state_mismatch', { again: true });
  const started = sessions.takePendingShare(session);
  if (started === undefined) throw new PageError(400, 'session_expired', { again: true });

  const common = { baseUrl: config.cardcoopUrl, coopname: coop.coopname, fetch: config.fetch };
  const token = await exchangeTicket({
    ...common,
    clientSecret: coop.clientSecret,
    ticket,
    redirectUri: started.redirectUri,
    codeVerifier: started.codeVerifier,
  });
  const shared = await fetchSharedData({
    ...common,
    token: token.access_token,
    username: token.username,
  });
  // Verifies the member's K1 signature. Without a chain, the key card.coop reports is trusted
  // only on a member's first share; later shares must be signed by the key kept then (a server
  // could otherwise substitute both the data and the key: docs/protocol.md §10.3). A cooperative
  // on chain compares with the account's key there instead.
  const known = (await context.members.list()).find((m) => m.username === token.username);
  const opened = await openSharedData({
    envelope: shared.envelope,
    dataPrivateKey: coop.dataKey.privateKey,
    dataPublicKey: coop.dataKey.publicKey,
    coopname: coop.coopname,
    username: token.username,
    expectedMemberKey: known?.member_public_key ?? shared.public_key,
  });
  const member = {
    username: token.username,
    fields: opened.fields,
    member_public_key: opened.memberPublicKey,
    signed_at: opened.signedAt,
    joined_at: new Date().toISOString(),
  };
  if (token.test) {
    // card.coop's "Test connection": the test member's made-up data, opened and checked like
    // any share — and never admitted or kept.
    config.log(`connection test: ${Object.keys(opened.fields).length} fields opened`);
    send(response, 200, 'text/html', welcomePage({ m, coop: info, member, locale, test: true }));
    return;
  }
  // The cooperative admits the applicant: from now on card.coop treats them as a member.
  await context.api.coop(coop.coopname, coop.clientSecret).confirmMembership(token.username);
  await context.members.save(member);
  config.log(`joined: ${member.username}`);
  send(response, 200, 'text/html', welcomePage({ m, coop: info, member, locale }));
}

/**
 * Maps a failure of the SDK or of card.coop to the page the member sees; anything else is a bug
 * of the site: logged, shown as a generic 500.
 *
 * @param {unknown} error
 * @param {(line: string) => void} log
 * @param {string | undefined} method
 * @param {URL} url
 * @returns {PageError}
 */
function classify(error, log, method, url) {
  const known =
    error instanceof Error &&
    (error.name === 'CardCoopError' || error.name === 'CardCoopApiError') &&
    typeof (/** @type {{ code?: unknown }} */ (error).code) === 'string';
  if (!known) {
    log(`${method} ${url.pathname} failed: ${error instanceof Error ? error.stack : error}`);
    return new PageError(500, 'internal');
  }
  const { code, status } = /** @type {{ code: string; status: number }} */ (
    /** @type {unknown} */ (error)
  );
  log(`${method} ${url.pathname}: card.coop ${code} (${error.message})`);
  const again = { code, again: true };
  switch (code) {
    case 'INVALID_GRANT':
      return new PageError(400, 'invalid_grant', again);
    case 'DECRYPTION_FAILED':
    case 'UNTRUSTED_MEMBER_SIGNATURE':
      return new PageError(400, 'untrusted', again);
    case 'NETWORK_ERROR':
      return new PageError(502, 'unreachable', again);
    case 'INVALID_RESPONSE':
      return new PageError(502, 'cardcoop_error', again);
    default:
      return status >= 500
        ? new PageError(502, 'cardcoop_error', again)
        : new PageError(400, 'refused', again);
  }
}
