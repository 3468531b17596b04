import type { MemberClient } from '@cardcoop/sdk';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoopSite } from '../../../../examples/coop-site/index.js';
import { anna } from '../../../../packages/sdk/src/testing/card-fixtures.js';
import { startAppServer, startCoopSite } from '../support/app-server.js';
import type { AppServer } from '../support/app-server.js';
import { setupBrowser, ZOD_EVAL_PROBE } from '../support/browser.js';
import { captureScreen } from '../support/screens.js';

const PASSWORD = 'notifications in the browser';

let counter = 0;
const newEmail = () => `notices${Date.now()}-${++counter}@coop.example`;

const bell = (page: Page) => page.getByRole('banner').getByRole('link', { name: /^Уведомления/ });
const centre = (page: Page) => page.getByRole('list', { name: 'Уведомления' });
const eventually = <T>(value: () => T | Promise<T>) => expect.poll(value, { timeout: 15_000 });

// The notification centre (issue 13): the header's bell and the centre follow new notices live,
// also when the cooperative's call lands on another server node than the member's socket.
describe('notifications: the bell and the centre', () => {
  let server: AppServer;
  /** The example cooperative, talking to the SECOND node. */
  let site: CoopSite;

  /** The member shares with the site as /id/connect does; the site's callback reads the card. */
  async function shareWithSite(member: MemberClient): Promise<void> {
    const join = await fetch(`${site.url}/join`, { redirect: 'manual' });
    const params = new URL(join.headers.get('location') ?? '').searchParams;
    const cookie = join.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const { prepared } = await member.access.prepare(site.coop.coopname);
    const issued = await member.access.share({
      prepared,
      fields: ['last_name', 'first_name'],
      redirectUri: params.get('redirect_uri') ?? '',
      state: params.get('state') ?? '',
      codeChallenge: params.get('code_challenge') ?? '',
    });
    const callback = `${issued.redirect_uri}?${new URLSearchParams({ ticket: issued.ticket, state: issued.state })}`;
    expect((await fetch(callback, { headers: { cookie } })).status).toBe(200);
  }

  beforeAll(async () => {
    server = await startAppServer({ secondNode: true });
    expect(server.secondUrl).toBeDefined();
    site = await startCoopSite({ ...server, url: server.secondUrl ?? '' });
  });
  afterAll(async () => {
    await site?.close();
    await server?.close();
  });
  const browser = setupBrowser({ baseURL: () => server.url, allow: [ZOD_EVAL_PROBE] });

  async function signIn(page: Page, email: string, next: string): Promise<void> {
    await page.goto(`/id/login?${new URLSearchParams({ next })}`);
    await page.getByLabel('Адрес электронной почты').fill(email);
    await page.getByLabel(/^Пароль/).fill(PASSWORD);
    await page.getByRole('button', { name: 'Войти', exact: true }).click();
    await page.waitForURL(`**${next}`);
  }

  it('a cooperative read through node B shows on the page served by node A within 1 s, without a reload', async () => {
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

    await shareWithSite(member);
    const readAt = performance.now();
    const read = centre(page)
      .getByRole('listitem')
      .filter({ hasText: `Кооператив «${site.coop.displayName}» прочитал данные вашей карты.` });
    await read.waitFor({ timeout: 5000 });
    const elapsed = performance.now() - readAt;
    expect(elapsed).toBeLessThan(1000);
    await centre(page).getByRole('listitem').filter({ hasText: 'Вы передали данные' }).waitFor();
    await eventually(() => bell(page).getAttribute('aria-label')).toBe(
      'Уведомления, 3 непрочитанных',
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
    await member.card.issue(anna);
    await member.card.createAccount(site.coop.coopname);
    await shareWithSite(member);

    await signIn(page, email, '/member/notifications');
    const items = centre(page).getByRole('listitem');
    // The share, the cooperative's read, and this browser's sign-in.
    await eventually(() => items.count()).toBe(3);
    await eventually(() => bell(page).getAttribute('aria-label')).toBe(
      'Уведомления, 3 непрочитанных',
    );

    // By type: only the read.
    await page.getByRole('combobox', { name: 'Тип' }).click();
    await page.getByRole('option', { name: 'Данные прочитаны' }).click();
    await eventually(() => items.count()).toBe(1);
    expect(await items.first().textContent()).toContain('прочитал данные вашей карты');

    // Mark this one read: the bell counts one less.
    await items.first().getByRole('button', { name: 'Отметить прочитанным' }).click();
    await eventually(() => bell(page).getAttribute('aria-label')).toBe(
      'Уведомления, 2 непрочитанных',
    );
    expect(await items.first().textContent()).not.toContain('Непрочитанное');

    // Unread only (type cleared): the share and the sign-in.
    await page.getByRole('combobox', { name: 'Тип' }).click();
    await page.getByRole('option', { name: 'Данные прочитаны' }).click();
    await page.getByRole('switch', { name: 'Только непрочитанные' }).check();
    await eventually(() => items.count()).toBe(2);
    expect(await centre(page).textContent()).not.toContain('прочитал данные');
    await page.getByRole('switch', { name: 'Только непрочитанные' }).uncheck();

    // By cooperative: the sign-in has none.
    await page.getByRole('combobox', { name: 'Кооператив' }).click();
    await page.getByRole('option', { name: site.coop.displayName }).click();
    await eventually(() => items.count()).toBe(2);
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
    await member.card.issue(anna);
    await member.card.createAccount(site.coop.coopname);
    await shareWithSite(member);

    await signIn(page, email, '/member');
    const recent = page.getByRole('region', { name: 'Последние уведомления', exact: true });
    await eventually(() => recent.getByRole('listitem').count()).toBe(3);
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
    // Push is not delivered yet: no switch offers it.
    expect(await page.getByRole('switch', { name: /Push/i }).count()).toBe(0);

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
});
