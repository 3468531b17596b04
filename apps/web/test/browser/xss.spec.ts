// The test plays the cooperative in Node (its credentials never reach the page), as its server
// would.
// eslint-disable-next-line no-restricted-imports
import { publishMeeting, requestPayment, setPaymentDetails } from '@cardcoop/sdk/coop';
// eslint-disable-next-line no-restricted-imports
import type { CoopCredentials } from '@cardcoop/sdk/coop';
import { createBusinessClient } from '@cardcoop/sdk/business';
import type { Dialog, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoopSite } from '../../../../examples/coop-site/index.js';
import { anna } from '../../../../packages/sdk/src/testing/card-fixtures.js';
import { startAppServer, startCoopSite } from '../support/app-server.js';
import type { AppServer } from '../support/app-server.js';
import { setupBrowser, ZOD_EVAL_PROBE } from '../support/browser.js';
import {
  BANK_DETAILS,
  confirmMembership,
  registerCooperative,
  updateCooperative,
} from '../support/cooperatives.js';
import { signInTo, signInToMember } from '../support/member-sign-in.js';

// XSS: markup, script URLs and template syntax stored through the API in every string the pages
// show from others (a cooperative's names and consent purpose, a meeting's title, agenda, place
// and documents, a payment's purpose), then the pages that render them opened in Chromium: no dialog opens, no
// element of the payload exists, and the text reads exactly as stored. The harness also fails a
// test on any CSP or Trusted Types violation, which is what an HTML sink would raise. Links are
// refused at input (apps/server/test/security/xss-links.spec.ts).
const PASSWORD = 'xss payloads in the browser';
const COOP = 'xssvoskhod';
const COOP_NAME = 'ПК <img src=x onerror=alert(1)> "><script>alert(2)</script> {{7*7}}';
const TITLE = 'Собрание "><img src=x onerror=alert(3)></title><svg onload=alert(4)>';
const AGENDA = '<iframe src=javascript:alert(5)></iframe> отчёт';
const SPEAKER = '</style><script>alert(6)</script>';
const PLACE = '<a href="javascript:alert(7)">ул. Ленина</a>, ${7*7}';
const DOCUMENT = 'Решение <img src=x onerror=alert(8)>';
const LEGAL_NAME = 'ООО <b onmouseover=alert(9)>Восход</b> ${7*7}';
const PURPOSE = 'учёт <script>alert(10)</script> паевых взносов';
const DESCRIPTION = 'Кооператив </textarea><img src=x onerror=alert(12)> {{7*7}}';
const PAYMENT_PURPOSE = 'Взнос <img src=x onerror=alert(14)> "><script>alert(15)</script>';
const REASON = '"><svg onload=alert(13)> чтобы позвонить';

/** What a payload would have made if it had been parsed as HTML. */
const INJECTED =
  'img[src="x"], svg[onload], iframe, b[onmouseover], a[href^="javascript:"], [onerror], [onload]';

let counter = 0;
const newEmail = () => `xss${Date.now()}-${++counter}@coop.example`;
const eventually = <T>(value: () => T | Promise<T>) => expect.poll(value, { timeout: 15_000 });

/** Moves within the app without a reload (a reload locks the card behind the password). */
async function navigate(page: Page, path: string): Promise<void> {
  await page.evaluate((to) => {
    history.pushState(null, '', to);
    dispatchEvent(new PopStateEvent('popstate'));
  }, path);
}

/** Records every dialog (alert, confirm, prompt) the page opens, and closes it. */
function watchDialogs(page: Page): Dialog[] {
  const opened: Dialog[] = [];
  page.on('dialog', (dialog) => {
    opened.push(dialog);
    void dialog.dismiss();
  });
  return opened;
}

/** The page shows every text literally, and nothing of any payload became markup. */
async function expectInert(page: Page, dialogs: Dialog[], texts: string[]): Promise<void> {
  for (const text of texts)
    await eventually(() => page.locator('body').innerText()).toContain(text);
  expect(await page.locator(INJECTED).count()).toBe(0);
  const scripts = await page
    .locator('script')
    .evaluateAll((nodes) => nodes.filter((node) => /alert\(/.test(node.textContent ?? '')).length);
  expect(scripts).toBe(0);
  expect(dialogs.map((dialog) => dialog.message())).toEqual([]);
}

describe('stored XSS payloads render as text', () => {
  let server: AppServer;
  let voskhod: CoopCredentials;
  let site: CoopSite;

  beforeAll(async () => {
    server = await startAppServer();
    voskhod = await registerCooperative(server, COOP, COOP_NAME);
    await updateCooperative(server, COOP, { legal_name: LEGAL_NAME, consent_purpose: PURPOSE });
    const day = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    await publishMeeting(voskhod, 'xss-meeting', {
      kind: 'general_meeting',
      title: TITLE,
      agenda: [{ title: AGENDA, speaker: SPEAKER }],
      starts_at: `${day}T18:30:00+03:00`,
      ends_at: `${day}T20:00:00+03:00`,
      time_zone: 'Europe/Moscow',
      place: PLACE,
      online_url: 'https://meet.example.org/voskhod',
      documents: [{ title: DOCUMENT, url: 'https://docs.example.org/decision.pdf' }],
    });
    await setPaymentDetails(voskhod, BANK_DETAILS);
    site = await startCoopSite(server);
    await updateCooperative(server, site.coop.coopname, {
      display_name: COOP_NAME,
      legal_name: LEGAL_NAME,
      consent_purpose: PURPOSE,
    });
  });
  afterAll(async () => {
    await site?.close();
    await server?.close();
  });
  const browser = setupBrowser({ baseURL: () => server.url, allow: [ZOD_EVAL_PROBE] });

  it('member pages: home, meetings list and details, a payment request, notifications, accounts', async () => {
    const { page } = browser;
    const dialogs = watchDialogs(page);
    const email = newEmail();
    const member = await server.registerMember(email, PASSWORD);
    await member.card.issue(anna);
    const { username } = await member.card.createAccount(COOP);
    await confirmMembership(voskhod, username);
    await requestPayment(voskhod, `xss-${username}`, {
      username,
      kind: 'membership_fee',
      amount: { amount: 10_000, currency: 'RUB' },
      due_date: '2099-01-31',
      purpose: PAYMENT_PURPOSE,
    });
    await signInToMember(page, email, PASSWORD);
    await expectInert(page, dialogs, [TITLE, COOP_NAME]);

    await navigate(page, '/member/meetings');
    await page.getByRole('link', { name: TITLE }).first().click();
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await expectInert(page, dialogs, [TITLE, COOP_NAME, AGENDA, SPEAKER, PLACE, DOCUMENT]);

    await navigate(page, '/member/contributions');
    await page.getByRole('link', { name: 'Членский взнос' }).first().click();
    await page.waitForURL(/\/member\/contributions\/[0-9a-f-]{36}$/);
    await expectInert(page, dialogs, [PAYMENT_PURPOSE]);

    await navigate(page, '/member/notifications');
    await expectInert(page, dialogs, [COOP_NAME]);

    await navigate(page, '/id/accounts');
    await expectInert(page, dialogs, [COOP_NAME]);
  });

  it('the consent page of /id/connect: the cooperative names and the purpose', async () => {
    const { page } = browser;
    const dialogs = watchDialogs(page);
    const email = newEmail();
    const member = await server.registerMember(email, PASSWORD);
    await member.card.issue(anna);
    await page.goto(site.url);
    await page.getByRole('link', { name: 'Вступить в кооператив через card.coop' }).click();
    await page.waitForURL(`${server.url}/id/connect?**`);
    await page.getByLabel(/^Адрес электронной почты/).fill(email);
    await page.getByLabel(/^Пароль/).fill(PASSWORD);
    await page.getByRole('button', { name: 'Войти', exact: true }).click();
    await page.getByRole('heading', { name: 'Согласие на передачу персональных данных' }).waitFor();
    await expectInert(page, dialogs, [LEGAL_NAME, PURPOSE]);
  });

  it('the admin pages: the cooperatives registry', async () => {
    const { page } = browser;
    const dialogs = watchDialogs(page);
    const email = newEmail();
    await server.registerMember(email, PASSWORD);
    const admin = (path: string, init: RequestInit = {}) =>
      fetch(`${server.url}/api/v1/admin${path}`, {
        ...init,
        headers: {
          authorization: `Bearer ${server.adminApiKey}`,
          ...(init.body ? { 'content-type': 'application/json' } : {}),
        },
      });
    const { user_id } = (await (
      await admin(`/users?${new URLSearchParams({ email })}`)
    ).json()) as {
      user_id: string;
    };
    const granted = await admin(`/staff/${user_id}`, {
      method: 'PUT',
      body: JSON.stringify({ role: 'platform_admin' }),
    });
    expect(granted.ok).toBe(true);
    await signInToMember(page, email, PASSWORD);
    await page.getByRole('link', { name: 'Администрирование платформы' }).click();
    await page.waitForURL('**/admin**');
    await navigate(page, '/admin/cooperatives');
    await expectInert(page, dialogs, [COOP_NAME]);
  });

  it('the business panel: the cooperative and its integration settings; its /id/connect page', async () => {
    const { page } = browser;
    const dialogs = watchDialogs(page);
    const email = newEmail();
    const member = await server.registerMember(email, PASSWORD);
    await member.card.issue(anna);
    const business = createBusinessClient(member);
    const coopname = 'xssbusiness';
    await business.claims.connect({ coopname, display_name: COOP_NAME });
    const { revision } = await business.integration.get(coopname);
    await business.integration.update(coopname, {
      expected_revision: revision,
      legal_name: LEGAL_NAME,
      consent_purpose: PURPOSE,
      description: DESCRIPTION,
      requested_fields: [{ field: 'phone', reason: REASON }],
      origins: ['http://localhost:5999'],
      redirect_uris: ['http://localhost:5999/callback'],
    });
    await signInTo(page, `/business/${coopname}/integration`, email, PASSWORD);
    await expectInert(page, dialogs, [COOP_NAME]);
    // The settings form holds the stored strings as field values, exactly.
    const values = () =>
      page
        .locator('input, textarea')
        .evaluateAll((fields) => fields.map((field) => (field as HTMLInputElement).value));
    for (const text of [LEGAL_NAME, PURPOSE, DESCRIPTION, REASON])
      await eventually(values).toContain(text);
    await expectInert(page, dialogs, []);

    // Its /id/connect page, which names it (it takes no data yet: no data key published).
    const connect = new URLSearchParams({
      coopname,
      redirect_uri: 'http://localhost:5999/callback',
      state: 'xss-state-1',
      code_challenge: 'A'.repeat(43),
      code_challenge_method: 'S256',
    });
    await navigate(page, `/id/connect?${connect}`);
    await page.getByRole('heading', { name: 'Кооператив просит данные вашей карты' }).waitFor();
    await expectInert(page, dialogs, [COOP_NAME]);
  });

  it('the detectors see a payload that does become markup', async () => {
    const { page } = browser;
    const dialogs = watchDialogs(page);
    // A blank page, outside the app's CSP and Trusted Types, which would block this very write.
    await page.setContent(`<p>${COOP_NAME}</p>`);
    await eventually(() => dialogs.length).toBeGreaterThan(0);
    expect(await page.locator(INJECTED).count()).toBeGreaterThan(0);
    expect(dialogs.map((dialog) => dialog.message())).toContain('1');
  });
});
