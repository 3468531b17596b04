// @ts-check
import { html } from './html.js';

/**
 * @typedef {import('./i18n.js').Messages} Messages
 * @typedef {import('./html.js').SafeHtml} SafeHtml
 * @typedef {import('./members.js').Member} Member
 * @typedef {{ displayName: string; coopname: string; fingerprint: string; cardcoopUrl: string }} CoopInfo
 */

/** Card fields in the order a person reads them; others follow in their own order. */
const FIELD_ORDER = [
  'last_name',
  'first_name',
  'middle_name',
  'birthdate',
  'phone',
  'email',
  'full_address',
];

/**
 * @param {{ m: Messages; title: string; coop: { displayName: string }; body: SafeHtml; scripts?: string[] }} page
 * @returns {string}
 */
export function layout({ m, title, coop, body, scripts = [] }) {
  const other = m.otherLang;
  return html`<!doctype html>
    <html lang="${m.htmlLang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} · ${coop.displayName}</title>
        <link rel="stylesheet" href="/style.css" />
      </head>
      <body>
        <a class="skip" href="#main">${m.skip}</a>
        <header class="site-header">
          <a class="brand" href="/">${coop.displayName}</a>
          <nav aria-label="${m.langNav}">
            <a href="/?lang=${other}" hreflang="${other}" lang="${other}">${m.otherLangName}</a>
          </nav>
        </header>
        <main id="main">${body}</main>
        <footer class="site-footer"><p>${m.footer}</p></footer>
        ${scripts.map((src) => html`<script src="${src}"></script>`)}
      </body>
    </html> `.toString();
}

/**
 * @param {{ m: Messages; coop: CoopInfo; members: Member[]; locale: string }} input
 */
export function homePage({ m, coop, members, locale }) {
  const rows = members.map(
    (member) =>
      html` <tr>
        <td>${shortName(member.fields) || '—'}</td>
        <td><code>${member.username}</code></td>
        <td>${formatDate(member.joined_at, locale)}</td>
      </tr>`,
  );
  const list =
    members.length === 0
      ? html`<p>${m.membersEmpty}</p>`
      : html`<div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">${m.name}</th>
                <th scope="col">${m.account}</th>
                <th scope="col">${m.joinedAt}</th>
              </tr>
            </thead>
            <tbody>
              ${rows}
            </tbody>
          </table>
        </div>`;
  return layout({
    m,
    title: m.join,
    coop,
    // card.coop's widget, then the script that drives it (shows the buttons once it loaded).
    scripts: [`${coop.cardcoopUrl}/widget.js`, '/join.js'],
    body: html` <h1>${coop.displayName}</h1>
      <p class="lead">${m.lead}</p>
      <p><a class="button" href="/join">${m.join}</a></p>
      <p class="hint">${m.joinHint}</p>
      ${widgetJoin(m, coop)}
      <section aria-labelledby="members">
        <h2 id="members">${m.membersHeading}</h2>
        ${list}
      </section>
      <section aria-labelledby="about">
        <h2 id="about">${m.aboutHeading}</h2>
        <dl>
          <dt>${m.coopname}</dt>
          <dd><code>${coop.coopname}</code></dd>
          <dt>${m.fingerprint}</dt>
          <dd>
            <code class="fingerprint">${coop.fingerprint}</code>
            <p class="hint">${m.fingerprintHint}</p>
          </dd>
          <dt>${m.server}</dt>
          <dd><code>${coop.cardcoopUrl}</code></dd>
        </dl>
      </section>`,
  });
}

/**
 * Joining without leaving the site, through card.coop's `/widget.js`: hidden until the page's
 * script finds the widget loaded; its texts ride along in data attributes.
 *
 * @param {Messages} m
 * @param {CoopInfo} coop
 */
function widgetJoin(m, coop) {
  const w = m.widget;
  return html`<section
    id="widget-join"
    aria-labelledby="widget-heading"
    hidden
    data-cardcoop="${coop.cardcoopUrl}"
    data-waiting="${w.waiting}"
    data-received="${w.received}"
    data-closed="${w.closed}"
    data-blocked="${w.blocked}"
    data-failed="${w.failed}"
  >
    <h2 id="widget-heading">${w.heading}</h2>
    <p class="hint">${w.hint}</p>
    <p>
      <button type="button" class="button" data-mode="popup">${w.popup}</button>
      <button type="button" class="button secondary" data-mode="iframe">${w.iframe}</button>
    </p>
    <p id="widget-status" role="status" aria-live="polite"></p>
    <div id="widget-frame"></div>
    <form id="widget-ticket" method="post" action="/callback" hidden></form>
  </section>`;
}

/**
 * The member's welcome — or, for card.coop's "Test connection" (`test`), what the test member's
 * share held, opened and checked like any other, with nobody admitted.
 *
 * @param {{ m: Messages; coop: CoopInfo; member: Member; locale: string; test?: boolean }} input
 */
export function welcomePage({ m, coop, member, locale, test = false }) {
  const name = [member.fields.first_name, member.fields.last_name]
    .filter((part) => typeof part === 'string' && part !== '')
    .join(' ');
  const fields = orderedFields(member.fields).map(
    ([key, value]) =>
      html` <dt>${m.fields[key] ?? key}</dt>
        <dd>${display(value)}</dd>`,
  );
  const title = test ? m.testShareTitle : m.welcome(name);
  return layout({
    m,
    title,
    coop,
    body: html` <h1>${title}</h1>
      <p class="lead">${test ? m.testShareLead : m.welcomeLead}</p>
      <section aria-labelledby="received">
        <h2 id="received">${m.receivedHeading}</h2>
        <dl>
          ${fields}
          <dt>${m.username}</dt>
          <dd><code>${member.username}</code></dd>
          <dt>${m.memberKey}</dt>
          <dd><code class="key">${member.member_public_key}</code></dd>
          <dt>${m.signedAt}</dt>
          <dd>${formatDate(member.signed_at, locale, true)}</dd>
        </dl>
      </section>
      <p><a class="button secondary" href="/">${m.home}</a></p>`,
  });
}

/**
 * @param {{ m: Messages; coop: { displayName: string }; error: import('./i18n.js').ErrorText; code?: string | undefined; again?: boolean }} input
 */
export function errorPage({ m, coop, error, code, again = false }) {
  return layout({
    m,
    title: error.title,
    coop,
    body: html` <div class="error" role="alert">
        <h1>${error.title}</h1>
        <p>${error.text}</p>
        ${
          code === undefined
            ? ''
            : html`<p>
                <small>${m.errorCode}: <code>${code}</code></small>
              </p>`
        }
      </div>
      <p>
        ${again ? html`<a class="button" href="/join">${m.again}</a>` : ''}
        <a class="button secondary" href="/">${m.home}</a>
      </p>`,
  });
}

/** @param {Record<string, unknown>} fields */
function orderedFields(fields) {
  const rank = (/** @type {string} */ key) => {
    const at = FIELD_ORDER.indexOf(key);
    return at < 0 ? FIELD_ORDER.length : at;
  };
  return Object.entries(fields).sort(([a], [b]) => rank(a) - rank(b));
}

/**
 * "Петрова А." — enough to recognise oneself on a public list without publishing everything.
 *
 * @param {Record<string, unknown>} fields
 */
function shortName(fields) {
  const last = typeof fields.last_name === 'string' ? fields.last_name : '';
  const first = typeof fields.first_name === 'string' ? fields.first_name : '';
  return [last, first ? `${first.slice(0, 1)}.` : ''].filter(Boolean).join(' ');
}

/** @param {unknown} value */
function display(value) {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * @param {string} iso
 * @param {string} locale
 * @param {boolean} [withTime]
 */
function formatDate(iso, locale, withTime = false) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, {
    dateStyle: 'long',
    ...(withTime ? { timeStyle: 'short' } : {}),
  }).format(date);
}
