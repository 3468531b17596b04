// The test plays the cooperative in Node (its keys never reach the page), as its server would.
// eslint-disable-next-line no-restricted-imports
import { confirmPayment, requestPayment, setPaymentDetails } from '@cardcoop/sdk/coop';
// eslint-disable-next-line no-restricted-imports
import type { CoopCredentials } from '@cardcoop/sdk/coop';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoopSite } from '../../../../examples/coop-site/index.js';
import { startAppServer, startCoopSite } from '../support/app-server.js';
import type { AppServer } from '../support/app-server.js';
import { setupBrowser, ZOD_EVAL_PROBE } from '../support/browser.js';
import { BANK_DETAILS, joinSite, registerCooperative } from '../support/cooperatives.js';
import { signInToMember } from '../support/member-sign-in.js';
import { captureScreen, setLanguage } from '../support/screens.js';

const PASSWORD = 'activity in the browser';

let counter = 0;
const newEmail = () => `activity${Date.now()}-${++counter}@coop.example`;
const section = (page: Page, name: string) => page.getByRole('region', { name, exact: true });
const quickLinks = (page: Page) => page.getByRole('navigation', { name: 'Быстрые ссылки' });
const eventually = <T>(value: () => T | Promise<T>) => expect.poll(value, { timeout: 15_000 });

// The member's activity (/member/activity, issue 13): charts of the cooperatives' reads, the
// sign-ins per device and the contributions paid, each with a text alternative; the sign-in
// history with the member's own address; a link to the devices and sessions.
describe('activity and insights: /member/activity', () => {
  let server: AppServer;
  let site: CoopSite;
  let voskhod: CoopCredentials;

  beforeAll(async () => {
    server = await startAppServer();
    site = await startCoopSite(server);
    voskhod = await registerCooperative(server, 'voskhod', 'ПК ВОСХОД');
    await setPaymentDetails(voskhod, BANK_DETAILS);
  });
  afterAll(async () => {
    await site?.close();
    await server?.close();
  });
  const browser = setupBrowser({ baseURL: () => server.url, allow: [ZOD_EVAL_PROBE] });

  const signIn = (page: Page, email: string) => signInToMember(page, email, PASSWORD);

  it('shows the reads, sign-ins and payments of a member whose data was read, with tables for screen readers, and the sign-in history', async () => {
    const { page } = browser;
    const email = newEmail();
    const member = await server.registerMember(email, PASSWORD);
    await joinSite(site, member);
    const username = (await member.card.createAccount('voskhod')).username;
    await requestPayment(voskhod, `fee-${username}`, {
      username,
      kind: 'membership_fee',
      amount: { amount: 120_050, currency: 'RUB' },
      due_date: '2099-01-31',
      purpose: 'Членский взнос',
    });
    await confirmPayment(voskhod, `fee-${username}`, {
      payment_id: `pay-${username}`,
      paid_at: new Date(Date.now() - 3_600_000).toISOString(),
      amount: { amount: 120_050, currency: 'RUB' },
    });

    await signIn(page, email);
    await quickLinks(page).getByRole('link', { name: 'Активность и входы' }).click();
    await page.waitForURL('**/member/activity');
    await page.getByRole('heading', { level: 1, name: 'Активность' }).waitFor();

    const reads = section(page, 'Чтения моих данных');
    await eventually(() => reads.textContent()).toContain(
      'За период кооперативы прочитали ваши данные 1 раз.',
    );
    expect(await reads.locator('.recharts-surface').count()).toBe(1);
    // The same numbers as a table (visually hidden), named by its caption.
    const readsTable = reads.getByRole('table', { name: 'Чтения моих данных' });
    expect(await readsTable.getByRole('columnheader').allTextContents()).toEqual([
      'Период',
      site.coop.displayName,
      'Всего',
    ]);
    expect(await readsTable.getByRole('row').count()).toBe(2);

    const logins = section(page, 'Входы по устройствам');
    // Registration opened a session without a sign-in; the browser's sign-in is the one.
    await eventually(() => logins.textContent()).toContain('За период был 1 вход.');
    expect(await logins.getByRole('table').getByRole('columnheader').allTextContents()).toContain(
      'Chrome · Linux',
    );

    const paid = section(page, 'Оплаченные взносы по месяцам');
    expect(await paid.textContent()).toMatch(/За период оплачено: 1\s200,50\s₽\./u);
    expect(await paid.locator('.recharts-surface').count()).toBe(1);

    const history = section(page, 'История входов');
    const row = history.getByRole('row').nth(1);
    await row.waitFor();
    const cells = await row.getByRole('cell').allTextContents();
    expect(cells[1]).toBe('Chrome · Linux');
    expect(cells[2]).toMatch(/^(127\.0\.0\.1|::1|::ffff:127\.0\.0\.1)$/);
    expect(await history.getByRole('row').count()).toBe(2);

    // The year counts per week; the choice stays in the address.
    await page.getByText('Год', { exact: true }).click();
    await page.waitForURL('**/member/activity?range=year');
    await eventually(() => reads.textContent()).toContain('1 раз');

    expect(await page.getByRole('link', { name: 'Устройства и сеансы' }).getAttribute('href')).toBe(
      '/id/security',
    );
    await captureScreen(page, 'member-activity');
  });

  it('says so when nothing happened, in English too', async () => {
    const { page } = browser;
    const email = newEmail();
    await server.registerMember(email, PASSWORD);
    await signIn(page, email);
    await quickLinks(page).getByRole('link', { name: 'Активность и входы' }).click();
    await page.getByText('90 дней', { exact: true }).click();
    await page.waitForURL('**/member/activity?range=days90');
    await setLanguage(page, 'en');
    await section(page, 'Reads of my data')
      .getByText('No cooperative read your data in this period.')
      .waitFor();
    await section(page, 'Contributions paid per month')
      .getByText('No contributions paid in this period.')
      .waitFor();
    await eventually(() => section(page, 'Sign-ins by device').textContent()).toContain(
      '1 sign-in in this period.',
    );
    await captureScreen(page, 'member-activity-empty', { languages: ['en'] });
    await setLanguage(page, 'ru');
  });
});
