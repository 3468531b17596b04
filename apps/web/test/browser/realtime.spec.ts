import type { MemberClient } from '@cardcoop/sdk';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { individual } from '../../../../packages/sdk/src/testing/card-fixtures.js';
import { startAppServer } from '../support/app-server.js';
import type { AppServer } from '../support/app-server.js';
import { setupBrowser, ZOD_EVAL_PROBE } from '../support/browser.js';
import { field } from '../support/card-form.js';

const PASSWORD = 'correct horse battery staple';

// The real-time channel in Chromium: what another device does shows in an open tab at once,
// without a reload or a click (issue 13).
describe('real-time updates in open tabs', () => {
  let server: AppServer;
  beforeAll(async () => {
    server = await startAppServer();
  });
  afterAll(async () => {
    await server?.close();
  });
  const browser = setupBrowser({ baseURL: () => server.url, allow: [ZOD_EVAL_PROBE] });

  let members = 0;
  async function register(): Promise<{ email: string; member: MemberClient }> {
    const email = `realtime-${++members}-${Date.now()}@example.org`;
    return { email, member: await server.registerMember(email, PASSWORD) };
  }

  async function signIn(page: Page, email: string, next: string) {
    await page.goto(`/id/login?${new URLSearchParams({ next })}`);
    await field(page, 'Адрес электронной почты').fill(email);
    await field(page, 'Пароль').fill(PASSWORD);
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.waitForURL(`**${next}`);
  }

  it('a session ended from another browser signs its tab out at once, without a click', async () => {
    const { page } = browser;
    const { email, member } = await register();
    const other = await browser.browser.newContext({
      baseURL: server.url,
      locale: 'ru-RU',
      userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0',
    });
    try {
      const otherPage = await other.newPage();
      await signIn(otherPage, email, '/id/security');
      await otherPage.getByRole('heading', { level: 1, name: 'Безопасность' }).waitFor();
      await signIn(page, email, '/id/security');
      const sessions = page.getByRole('region', { name: 'Сеансы и устройства' });
      await sessions.getByRole('button', { name: 'Завершить сеанс: Firefox · Windows' }).click();
      const dialog = page.getByRole('dialog', { name: 'Завершить сеанс?' });
      await dialog.getByRole('button', { name: 'Завершить' }).click();
      await dialog.waitFor({ state: 'hidden' });

      // The other tab was left alone: the server's word alone takes it to the login page.
      await otherPage.waitForURL('**/id/login**', { timeout: 5000 });
      await expect
        .poll(() => otherPage.getByRole('alert').first().textContent())
        .toContain('Сеанс завершён');
      // This tab is still signed in.
      expect(page.url()).toContain('/id/security');
      browser.expectNoProblems();
    } finally {
      await other.close();
      await member.logout().catch(() => undefined);
    }
  }, 120_000);

  it('a card saved on another device shows in the open card without a reload', async () => {
    const { page } = browser;
    const { email, member } = await register();
    await member.card.issue(individual);
    await signIn(page, email, '/id/card');
    await page.getByText(individual.last_name).first().waitFor();

    await member.card.update({ ...individual, last_name: 'Сидорова' }, 1);
    await page.getByText('Сидорова').first().waitFor({ timeout: 5000 });
    browser.expectNoProblems();
    await member.logout().catch(() => undefined);
  }, 120_000);
});
