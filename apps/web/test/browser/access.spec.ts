import type { MemberClient } from '@cardcoop/sdk';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoopSite } from '../../../../examples/coop-site/index.js';
import { anna } from '../../../../packages/sdk/src/testing/card-fixtures.js';
import { startAppServer, startCoopSite } from '../support/app-server.js';
import type { AppServer } from '../support/app-server.js';
import { setupBrowser, ZOD_EVAL_PROBE } from '../support/browser.js';
import { captureScreen } from '../support/screens.js';

const EMAIL = 'access.browser@coop.example';
const PASSWORD = 'grants in the browser';

const field = (page: Page, label: string) => page.getByLabel(new RegExp(`^${label}( \\*)?$`));

// /id/access in Chromium: the cooperative that holds the member's data (shared through the
// SDK and read once by examples/coop-site), when it last read it and how often; revoking.
describe('access to the member data: /id/access', () => {
  let server: AppServer;
  let site: CoopSite;
  let member: MemberClient;

  /** The member shares with the site the way /id/connect does, and the site reads it once. */
  async function shareWithSite(): Promise<void> {
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
    const welcome = await fetch(callback, { headers: { cookie } });
    expect(welcome.status).toBe(200);
  }

  beforeAll(async () => {
    server = await startAppServer();
    site = await startCoopSite(server);
    member = await server.registerMember(EMAIL, PASSWORD);
    await member.card.issue(anna);
    await member.card.createAccount(site.coop.coopname);
    await shareWithSite();
  });
  afterAll(async () => {
    await member?.logout().catch(() => undefined);
    await site?.close();
    await server?.close();
  });
  const browser = setupBrowser({ baseURL: () => server.url, allow: [ZOD_EVAL_PROBE] });

  it('lists who holds the data since when and how often they read it; revoking asks first, then empties the list', async () => {
    const { page } = browser;
    await page.goto(`/id/login?${new URLSearchParams({ next: '/id/access' })}`);
    await field(page, 'Адрес электронной почты').fill(EMAIL);
    await field(page, 'Пароль').fill(PASSWORD);
    await page.getByRole('button', { name: 'Войти', exact: true }).click();
    await page.waitForURL('**/id/access');

    const grant = page.getByRole('listitem').filter({ hasText: site.coop.displayName });
    await grant.waitFor();
    expect(await grant.getByRole('heading').textContent()).toBe(site.coop.displayName);
    const details = (await grant.textContent()) ?? '';
    expect(details).toContain('Сколько раз прочитаны1');
    expect(details).not.toContain('ещё не читал');
    expect(details).toContain(site.coop.coopname);
    await captureScreen(page, 'id-access');

    const revoke = page.getByRole('button', { name: `Отозвать доступ: ${site.coop.displayName}` });
    await revoke.click();
    const dialog = page.getByRole('dialog', { name: 'Отозвать доступ?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('переданная копия будет удалена');
    // The header's language switch is behind the dialog: Russian only.
    await captureScreen(page, 'id-access-revoke', { languages: ['ru'] });

    await dialog.getByRole('button', { name: 'Отмена' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await member.access.list()).toHaveLength(1);

    await revoke.click();
    await dialog.getByRole('button', { name: 'Отозвать', exact: true }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Доступ отозван: ${site.coop.displayName}.` })
      .waitFor();
    await page.getByText('Вы ещё никому не передавали данные.').waitFor();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent))
      .toBe('Доступы к данным');
    expect(await member.access.list()).toEqual([]);
    await captureScreen(page, 'id-access-empty');
    browser.expectNoProblems();
  });
});
