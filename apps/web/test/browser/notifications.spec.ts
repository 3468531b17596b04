// The test plays the cooperative in Node (its keys never reach the page), as its server would.
// eslint-disable-next-line no-restricted-imports
import { publishMeeting, requestPayment, setPaymentDetails } from '@cardcoop/sdk/coop';
// eslint-disable-next-line no-restricted-imports
import type { CoopCredentials } from '@cardcoop/sdk/coop';
import { STAFF_MAILED_NOTIFICATION_TYPES } from '@cardcoop/contracts';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoopSite } from '../../../../examples/coop-site/index.js';
import { anna } from '../../../../packages/sdk/src/testing/card-fixtures.js';
import { startAppServer, startCoopSite } from '../support/app-server.js';
import type { AppServer } from '../support/app-server.js';
import { setupBrowser, ZOD_EVAL_PROBE } from '../support/browser.js';
import {
  BANK_DETAILS,
  confirmMembership,
  joinSite,
  registerCooperative,
  shareWithSite,
} from '../support/cooperatives.js';
import { signInTo } from '../support/member-sign-in.js';
import { captureScreen } from '../support/screens.js';
import { testDatabaseUrl, testRedisUrl } from '../../../server/test/support/environment.js';

const PASSWORD = 'notifications in the browser';

let counter = 0;
const newEmail = () => `notices${Date.now()}-${++counter}@coop.example`;

const bell = (page: Page) => page.getByRole('banner').getByRole('link', { name: /^Уведомления/ });
const centre = (page: Page) => page.getByRole('list', { name: 'Уведомления' });
/** A day `days` from now, `YYYY-MM-DD`. */
const dayFromNow = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** Waits for `locator` and returns how long it took from `since` (ms). */
async function shownAfter(locator: Locator, since: number): Promise<number> {
  await locator.waitFor({ timeout: 5000 });
  return performance.now() - since;
}

const eventually = <T>(value: () => T | Promise<T>) => expect.poll(value, { timeout: 15_000 });

/** On PostgreSQL and Redis a second node joins; the embedded database is one process's. */
const twoNodes = Boolean(testDatabaseUrl && testRedisUrl);

// The notification centre (issue 13): the header's bell and the centre follow new notices live,
// also when the cooperative's call lands on another server node than the member's socket
// (with two nodes; on the embedded database node B is node A).
describe('notifications: the bell and the centre', () => {
  let server: AppServer;
  /** The example cooperative, talking to the SECOND node. */
  let site: CoopSite;

  const nodeB = () => ({ ...server, url: server.secondUrl ?? server.url });

  /** The cooperative's API calls go to node B; the member's page is served by node A. */
  const cooperativeOnNodeB = (coopname: string): Promise<CoopCredentials> =>
    registerCooperative(nodeB(), coopname, 'ПК ВОСХОД');

  /** A member with a confirmed account in a new cooperative (with bank details) on node B. */
  async function memberOfCoopOnNodeB(coopname: string) {
    const coop = await cooperativeOnNodeB(coopname);
    await setPaymentDetails(coop, BANK_DETAILS);
    const email = newEmail();
    const member = await server.registerMember(email, PASSWORD);
    await member.card.issue(anna);
    const { username } = await member.card.createAccount(coop.coopname);
    await confirmMembership(coop, username);
    return { coop, email, member, username };
  }

  beforeAll(async () => {
    server = await startAppServer({ secondNode: twoNodes });
    expect(Boolean(server.secondUrl)).toBe(twoNodes);
    site = await startCoopSite(nodeB());
  });
  afterAll(async () => {
    await site?.close();
    await server?.close();
  });
  const browser = setupBrowser({ baseURL: () => server.url, allow: [ZOD_EVAL_PROBE] });

  const signIn = (page: Page, email: string, next: string) => signInTo(page, next, email, PASSWORD);

  it('a cooperative’s confirmation through node B shows on the page served by node A within 1 s, without a reload; its read follows', async () => {
    const { page } = browser;
    const email = newEmail();
    const member = await server.registerMember(email, PASSWORD);
    await member.card.issue(anna);
    await member.card.createAccount(site.coop.coopname);

    await signIn(page, email, '/member/notifications');
    await page.getByRole('heading', { level: 1, name: 'Уведомления' }).waitFor();
    // Signing in from this browser is the only notice so far.
    await centre(page).getByRole('listitem').filter({ hasText: 'с нового устройства' }).waitFor();
    await eventually(() => bell(page).getAttribute('aria-label')).toBe(
      'Уведомления, 1 непрочитанное',
    );
    // Loaded once: everything after this comes over the socket, not a reload.
    const navigations: string[] = [];
    page.on(
      'framenavigated',
      (frame) => frame === page.mainFrame() && navigations.push(frame.url()),
    );

    // The example site (on node B) reads the card and admits the member at once.
    await shareWithSite(site, member);
    const confirmedAt = performance.now();
    const confirmed = centre(page)
      .getByRole('listitem')
      .filter({ hasText: 'подтвердил ваше членство' });
    await confirmed.waitFor({ timeout: 5000 });
    expect(performance.now() - confirmedAt).toBeLessThan(1000);
    await centre(page).getByRole('listitem').filter({ hasText: 'Вы передали данные' }).waitFor();
    // The read's notice follows from its audit event, swept after it settled (ADR 023).
    const read = centre(page)
      .getByRole('listitem')
      .filter({ hasText: `Кооператив «${site.coop.displayName}» прочитал данные вашей карты.` });
    await read.waitFor({ timeout: 15_000 });
    await eventually(() => bell(page).getAttribute('aria-label')).toBe(
      'Уведомления, 4 непрочитанных',
    );
    // The header announces it politely.
    await eventually(() =>
      page.locator('[aria-live="polite"]').filter({ hasText: 'Новое уведомление' }).count(),
    ).toBeGreaterThan(0);
    expect(navigations).toEqual([]);
    // The notice leads to where it belongs.
    expect(await read.getByRole('link').getAttribute('href')).toBe('/id/access');
    browser.expectNoProblems();
    await member.logout().catch(() => undefined);
  }, 180_000);

  it('the centre filters by type, cooperative and unread; marks one and all read; the bell follows', async () => {
    const { page } = browser;
    const email = newEmail();
    const member = await server.registerMember(email, PASSWORD);
    await joinSite(site, member);

    await signIn(page, email, '/member/notifications');
    const items = centre(page).getByRole('listitem');
    // The share, the cooperative's read, its confirmation of the membership, and this browser's
    // sign-in.
    await eventually(() => items.count()).toBe(4);
    await eventually(() => bell(page).getAttribute('aria-label')).toBe(
      'Уведомления, 4 непрочитанных',
    );

    // By type: only the read.
    await page.getByRole('combobox', { name: 'Тип' }).click();
    await page.getByRole('option', { name: 'Данные прочитаны' }).click();
    await eventually(() => items.count()).toBe(1);
    expect(await items.first().textContent()).toContain('прочитал данные вашей карты');

    // Mark this one read: the bell counts one less.
    await items.first().getByRole('button', { name: 'Отметить прочитанным' }).click();
    await eventually(() => bell(page).getAttribute('aria-label')).toBe(
      'Уведомления, 3 непрочитанных',
    );
    expect(await items.first().textContent()).not.toContain('Непрочитанное');

    // Unread only (type cleared): the share, the confirmation and the sign-in.
    await page.getByRole('combobox', { name: 'Тип' }).click();
    await page.getByRole('option', { name: 'Данные прочитаны' }).click();
    await page.getByRole('switch', { name: 'Только непрочитанные' }).check();
    await eventually(() => items.count()).toBe(3);
    expect(await centre(page).textContent()).not.toContain('прочитал данные');
    await page.getByRole('switch', { name: 'Только непрочитанные' }).uncheck();

    // By cooperative: the sign-in has none.
    await page.getByRole('combobox', { name: 'Кооператив' }).click();
    await page.getByRole('option', { name: site.coop.displayName }).click();
    await eventually(() => items.count()).toBe(3);
    expect(await centre(page).textContent()).not.toContain('с нового устройства');

    await page.getByRole('button', { name: 'Отметить все прочитанными' }).click();
    await eventually(() => bell(page).getAttribute('aria-label')).toBe(
      'Уведомления, непрочитанных нет',
    );
    expect(await page.getByRole('button', { name: 'Отметить все прочитанными' }).isDisabled()).toBe(
      true,
    );
    expect(await member.notifications.unreadCount()).toBe(0);

    await captureScreen(page, 'notifications-centre');
    browser.expectNoProblems();
    await member.logout().catch(() => undefined);
  }, 180_000);

  it('the home lists the recent notices with a link to the centre; the bell opens the centre', async () => {
    const { page } = browser;
    const email = newEmail();
    const member = await server.registerMember(email, PASSWORD);
    await joinSite(site, member);

    await signIn(page, email, '/member');
    const recent = page.getByRole('region', { name: 'Последние уведомления', exact: true });
    // The share, the read, the confirmed membership and the sign-in.
    await eventually(() => recent.getByRole('listitem').count()).toBe(4);
    await recent.getByRole('link', { name: 'Все уведомления' }).waitFor();
    await bell(page).click();
    await page.waitForURL('**/member/notifications');
    await page.getByRole('heading', { level: 1, name: 'Уведомления' }).waitFor();
    browser.expectNoProblems();
    await member.logout().catch(() => undefined);
  }, 180_000);

  it('settings: type × channel switches save at once, security notices are locked on, a stale revision reloads', async () => {
    const { page } = browser;
    const email = newEmail();
    const member = await server.registerMember(email, PASSWORD);

    await signIn(page, email, '/member/notifications/settings');
    await page.getByRole('heading', { level: 1, name: 'Настройки уведомлений' }).waitFor();
    const security = page.getByRole('switch', { name: 'Вход с нового устройства: Эл. почта' });
    expect(await security.isChecked()).toBe(true);
    expect(await security.isDisabled()).toBe(true);
    await page.getByText('Уведомления о безопасности всегда включены').first().waitFor();
    // The five security notices and virtual_card.revealed (someone saw a card's number).
    expect(await page.getByText('Всегда включено', { exact: true }).count()).toBe(6);
    const securityPush = page.getByRole('switch', { name: 'Вход с нового устройства: Push' });
    expect(await securityPush.isChecked()).toBe(true);
    expect(await securityPush.isDisabled()).toBe(true);
    // Staff notices (applications, webhooks) are mailed by their module: that e-mail is fixed on,
    // their other channels are the member's choice.
    const webhookMail = page.getByRole('switch', { name: 'Вебхук отключён: Эл. почта' });
    expect(await webhookMail.isChecked()).toBe(true);
    expect(await webhookMail.isDisabled()).toBe(true);
    const webhookPush = page.getByRole('switch', { name: 'Вебхук отключён: Push' });
    expect(await webhookPush.isDisabled()).toBe(false);
    expect(await page.getByText('Письмо приходит всегда', { exact: true }).count()).toBe(
      STAFF_MAILED_NOTIFICATION_TYPES.length,
    );

    const readMail = page.getByRole('switch', { name: 'Данные прочитаны: Эл. почта' });
    const before = await readMail.isChecked();
    await readMail.click({ force: true });
    await eventually(
      async () => (await member.notifications.preferences()).channels['grant.read'].email,
    ).toBe(!before);
    await eventually(() => readMail.isDisabled()).toBe(false);
    expect(await readMail.isChecked()).toBe(!before);

    // Another device saves the digest meanwhile: this page's revision is stale.
    const current = await member.notifications.preferences();
    await member.notifications.setPreferences({ ...current, daily_digest: true });
    await readMail.click({ force: true });
    await page.getByRole('alert').filter({ hasText: 'изменили на другом устройстве' }).waitFor();
    await eventually(() =>
      page.getByRole('switch', { name: 'Ежедневная сводка' }).isChecked(),
    ).toBe(true);
    expect(await readMail.isChecked()).toBe(!before);
    expect((await member.notifications.preferences()).channels['grant.read'].email).toBe(!before);

    await captureScreen(page, 'notifications-settings');
    browser.expectNoProblems();
    await member.logout().catch(() => undefined);
  }, 180_000);

  it('done-when: the cooperative posts a meeting and a payment request through node B; the open dashboard on node A shows each within 1 s, without a reload', async () => {
    const { page } = browser;
    const { coop, email, member, username } = await memberOfCoopOnNodeB('voskhodnodeb');

    await signIn(page, email, '/member');
    await page
      .getByRole('button', { name: 'Пропустить' })
      .click({ timeout: 5000 })
      .catch(() => undefined);
    const recent = page.getByRole('region', { name: 'Последние уведомления', exact: true });
    await recent.getByRole('listitem').first().waitFor();
    const navigations: string[] = [];
    page.on(
      'framenavigated',
      (frame) => frame === page.mainFrame() && navigations.push(frame.url()),
    );

    const day = dayFromNow(10);
    let since = performance.now();
    await publishMeeting(coop, 'gm-live', {
      kind: 'general_meeting',
      title: 'Годовое общее собрание',
      starts_at: `${day}T18:30:00+03:00`,
      ends_at: `${day}T20:00:00+03:00`,
      time_zone: 'Europe/Moscow',
      place: 'Москва, ул. Ленина, 1',
    });
    const meetingShown = await shownAfter(
      recent
        .getByRole('listitem')
        .filter({ hasText: 'назначил собрание «Годовое общее собрание»' }),
      since,
    );
    expect(meetingShown).toBeLessThan(1000);
    // It leads to the meeting's page.
    expect(
      await recent.getByRole('link', { name: /назначил собрание/u }).getAttribute('href'),
    ).toMatch(/^\/member\/meetings\/[^/]+$/u);

    since = performance.now();
    await requestPayment(coop, `fee-${username}`, {
      username,
      kind: 'membership_fee',
      amount: { amount: 120_050, currency: 'RUB' },
      due_date: '2099-01-31',
      purpose: 'Членский взнос за 2099 год',
    });
    const paymentShown = await shownAfter(
      recent
        .getByRole('listitem')
        .filter({ hasText: /выставил взнос 1\s?200,50\s?₽ со сроком до 31 января 2099 г\./u }),
      since,
    );
    expect(paymentShown).toBeLessThan(1000);
    expect(
      await recent.getByRole('link', { name: /выставил взнос/u }).getAttribute('href'),
    ).toMatch(/^\/member\/contributions\/[^/]+$/u);
    expect(navigations).toEqual([]);
    await eventually(() => bell(page).getAttribute('aria-label')).toMatch(
      /^Уведомления, \d+ непрочитанн/u,
    );
    browser.expectNoProblems();
    await member.logout().catch(() => undefined);
  }, 180_000);

  it('the centre pages on with "Show more" (keyset), 20 at a time', async () => {
    const { page } = browser;
    const { coop, email, member, username } = await memberOfCoopOnNodeB('voskhodpages');
    for (let n = 1; n <= 21; n++)
      await requestPayment(coop, `fee-${n}`, {
        username,
        kind: 'membership_fee',
        amount: { amount: n * 100, currency: 'RUB' },
        due_date: '2099-01-31',
        purpose: `Взнос ${n}`,
      });

    await signIn(page, email, '/member/notifications');
    const items = centre(page).getByRole('listitem');
    await eventually(() => items.count()).toBe(20);
    // Newest first: this browser's sign-in, then the last request.
    expect(await items.first().textContent()).toContain('с нового устройства');
    expect(await items.nth(1).textContent()).toMatch(/21,00\s?₽/u);
    await page.getByRole('button', { name: 'Показать ещё' }).click();
    // 21 requests, the confirmed membership and this browser's sign-in.
    await eventually(() => items.count()).toBe(23);
    expect(await page.getByRole('button', { name: 'Показать ещё' }).count()).toBe(0);
    const texts = await items.allTextContents();
    expect(new Set(texts).size).toBe(23);
    browser.expectNoProblems();
    await member.logout().catch(() => undefined);
  }, 180_000);
});
