// @ts-check
/* global document, window, HTMLButtonElement, HTMLFormElement */
// Joining through card.coop's widget (/widget.js, loaded just before this script): the site's
// server starts the share (state + PKCE challenge; the verifier stays on the server), the
// widget opens card.coop in a popup or an iframe and hands back the ticket, and this script
// posts ticket and state to /callback as a form: the server exchanges the ticket and answers
// with the same welcome page as in the redirect flow.

/**
 * @typedef {{ ticket: string; state: string }} ConnectResult
 * @typedef {{
 *   connect(options: {
 *     baseUrl: string; coopname: string; state: string; codeChallenge: string;
 *     mode: 'popup' | 'iframe'; container?: Element;
 *   }): Promise<ConnectResult>;
 * }} CardCoopWidget
 */

(() => {
  /** @type {CardCoopWidget | undefined} */
  const widget = /** @type {{ CardCoop?: CardCoopWidget }} */ (/** @type {unknown} */ (window))
    .CardCoop;
  const section = document.getElementById('widget-join');
  const status = document.getElementById('widget-status');
  const frame = document.getElementById('widget-frame');
  const form = document.getElementById('widget-ticket');
  // Without the widget (card.coop unreachable) the redirect button is still there.
  if (!widget || !section || !status || !frame || !(form instanceof HTMLFormElement)) return;
  const buttons = Array.from(section.querySelectorAll('button[data-mode]')).filter(
    (button) => button instanceof HTMLButtonElement,
  );

  /** @param {'waiting' | 'received' | 'closed' | 'blocked' | 'failed'} key */
  const say = (key) => {
    status.textContent = section.dataset[key] ?? '';
  };
  /** @param {boolean} busy */
  const lock = (busy) => buttons.forEach((button) => (button.disabled = busy));
  /** @param {Record<string, string>} fields */
  const post = (fields) => {
    for (const [name, value] of Object.entries(fields)) {
      const input = document.createElement('input');
      input.type = 'hidden';
      input.name = name;
      input.value = value;
      form.append(input);
    }
    form.submit();
  };

  /** @returns {Promise<{ coopname: string; state: string; code_challenge: string }>} */
  const start = async () => {
    const response = await window.fetch('/join/start', { method: 'POST' });
    if (!response.ok) throw new Error(`join/start: ${response.status}`);
    return response.json();
  };

  /** @param {'popup' | 'iframe'} mode */
  const join = async (mode) => {
    lock(true);
    say('waiting');
    let request;
    try {
      request = await start();
    } catch {
      say('failed');
      lock(false);
      return;
    }
    try {
      const { ticket, state } = await widget.connect({
        baseUrl: section.dataset.cardcoop ?? '',
        coopname: request.coopname,
        state: request.state,
        codeChallenge: request.code_challenge,
        mode,
        container: frame,
      });
      say('received');
      post({ ticket, state });
    } catch (error) {
      const code = error instanceof Error ? Reflect.get(error, 'code') : undefined;
      // Declining ends the request like in the redirect flow: the server says so on a page.
      if (code === 'access_denied') return post({ error: 'access_denied', state: request.state });
      say(code === 'closed' ? 'closed' : code === 'popup_blocked' ? 'blocked' : 'failed');
      lock(false);
    }
  };

  for (const button of buttons) {
    const mode = button.dataset.mode === 'iframe' ? 'iframe' : 'popup';
    button.addEventListener('click', () => void join(mode));
  }
  section.hidden = false;
})();
