// /widget.js: "enter with card.coop" on a cooperative's page, in a popup (recommended: the member
// sees card.coop's real address bar while typing the password) or an iframe. No dependencies.
// The cooperative's server makes `state` and the PKCE pair and keeps the verifier; only the
// ticket and `state` come back here, from card.coop's window, at card.coop's origin; from the
// iframe also its content's height, so the frame fits it without a scrollbar of its own.
import { readMessage } from './message';

/** Options of {@link connect}. */
export interface ConnectOptions {
  /** card.coop, e.g. `https://id.card.coop`. */
  baseUrl: string;
  /** The cooperative's client id (its Antelope account name). */
  coopname: string;
  /** The cooperative's `state` for this request; the answer must carry the same. */
  state: string;
  /** PKCE S256 challenge: base64url(SHA-256(code_verifier)). */
  codeChallenge: string;
  /** `popup` (default) or `iframe`. */
  mode?: 'popup' | 'iframe';
  /** Iframe mode: the element (or a selector of it) the iframe goes into. */
  container?: Element | string;
}

/** The ticket for the cooperative's server to exchange, with the request's `state`. */
export interface ConnectResult {
  ticket: string;
  state: string;
}

/**
 * Why {@link connect} failed: the member declined (`access_denied`), closed the popup
 * (`closed`), the browser blocked it (`popup_blocked`), or the options are wrong (`invalid`).
 */
export class ConnectError extends Error {
  readonly code: 'access_denied' | 'closed' | 'popup_blocked' | 'invalid';

  constructor(code: ConnectError['code']) {
    super(`card.coop: ${code}`);
    this.name = 'CardCoopConnectError';
    this.code = code;
  }
}

const POPUP = { width: 480, height: 720 };
/** The iframe's height until card.coop's page reports its own. */
const FRAME_DEFAULT_HEIGHT = 640;
/** A popup that closes right after posting: its message may still be on its way. */
const CLOSED_GRACE_MS = 1000;

function cardcoopUrl(options: ConnectOptions): URL {
  let base: URL;
  try {
    base = new URL(options.baseUrl);
  } catch {
    throw new ConnectError('invalid');
  }
  const fields = [options.coopname, options.state, options.codeChallenge];
  if (!/^https?:$/.test(base.protocol) || fields.some((f) => typeof f !== 'string' || !f)) {
    throw new ConnectError('invalid');
  }
  return base;
}

function address(base: URL, page: string, params: Record<string, string>): string {
  const url = new URL(`${base.pathname.replace(/\/+$/, '')}${page}`, base.origin);
  url.search = new URLSearchParams(params).toString();
  return url.toString();
}

function openPopup(url: string): Window {
  const left = window.screenX + Math.max(0, (window.outerWidth - POPUP.width) / 2);
  const top = window.screenY + Math.max(0, (window.outerHeight - POPUP.height) / 2);
  const features = `popup=yes,width=${POPUP.width},height=${POPUP.height},left=${left},top=${top}`;
  const popup = window.open(url, 'cardcoop_connect', features);
  if (!popup) throw new ConnectError('popup_blocked');
  return popup;
}

function insertFrame(url: string, container: ConnectOptions['container']): HTMLIFrameElement {
  const host = typeof container === 'string' ? document.querySelector(container) : container;
  if (!host) throw new ConnectError('invalid');
  const frame = document.createElement('iframe');
  frame.src = url;
  frame.title = 'card.coop';
  // Set through CSSOM: a page whose CSP forbids inline styles still allows these.
  frame.style.width = '100%';
  frame.style.maxWidth = '480px';
  frame.style.height = `${FRAME_DEFAULT_HEIGHT}px`;
  frame.style.border = '0';
  frame.style.display = 'block';
  host.append(frame);
  return frame;
}

/**
 * Asks the member, on card.coop, to share their card data with the cooperative. Call it from a
 * click handler (a popup needs the member's gesture). Resolves with the ticket for the
 * cooperative's server; rejects with a {@link ConnectError}.
 *
 * @example
 * ```js
 * button.addEventListener('click', async () => {
 *   const { state, code_challenge } = await (await fetch('/join/start', { method: 'POST' })).json();
 *   const { ticket } = await CardCoop.connect({
 *     baseUrl: 'https://id.card.coop', coopname: 'voskhod', state, codeChallenge: code_challenge,
 *   });
 *   // post ticket + state to your server, which exchanges the ticket with the PKCE verifier
 * });
 * ```
 */
export function connect(options: ConnectOptions): Promise<ConnectResult> {
  return new Promise((resolve, reject) => {
    const base = cardcoopUrl(options);
    const params = {
      coopname: options.coopname,
      state: options.state,
      code_challenge: options.codeChallenge,
      code_challenge_method: 'S256',
    };
    let source: Window | null = null;
    let frame: HTMLIFrameElement | undefined;
    let release = () => {};
    let settled = false;
    const settle = (error: ConnectError | undefined, result?: ConnectResult) => {
      if (settled) return;
      settled = true;
      window.removeEventListener('message', receive);
      release();
      if (error) reject(error);
      else resolve(result as ConnectResult);
    };
    const receive = (event: MessageEvent) => {
      const message = readMessage(event, { origin: base.origin, source, state: options.state });
      if (message?.kind === 'resize') {
        if (frame) frame.style.height = `${message.height}px`;
      } else if (message?.kind === 'ticket') {
        settle(undefined, { ticket: message.ticket, state: message.state });
      } else if (message?.kind === 'error') {
        settle(new ConnectError('access_denied'));
      }
    };
    window.addEventListener('message', receive);
    try {
      if (options.mode === 'iframe') {
        // The frame speaks the page's language (there is no language switch in it).
        const lang = document.documentElement.lang.slice(0, 2).toLowerCase();
        const embed = {
          ...params,
          origin: window.location.origin,
          ...(/^(ru|en)$/.test(lang) ? { lang } : {}),
        };
        frame = insertFrame(address(base, '/id/embed', embed), options.container);
        source = frame.contentWindow;
        release = () => frame?.remove();
      } else {
        const url = address(base, '/id/connect', {
          ...params,
          response_mode: 'web_message',
          // The popup answers this page's window: its origin is the return address.
          redirect_uri: window.location.origin,
        });
        const popup = openPopup(url);
        source = popup;
        let grace: ReturnType<typeof setTimeout> | undefined;
        const watch = setInterval(() => {
          if (popup.closed && grace === undefined) {
            grace = setTimeout(() => settle(new ConnectError('closed')), CLOSED_GRACE_MS);
          }
        }, 300);
        release = () => {
          clearInterval(watch);
          clearTimeout(grace);
        };
      }
    } catch (error) {
      settle(error instanceof ConnectError ? error : new ConnectError('invalid'));
    }
  });
}
