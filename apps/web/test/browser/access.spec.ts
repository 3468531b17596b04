import type { MemberClient } from '@cardcoop/sdk';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoopSite } from '../../../../examples/coop-site/index.js';
import { anna } from '../../../../packages/sdk/src/testing/card-fixtures.js';
import { startAppServer, startCoopSite } from '../support/app-server.js';
import type { AppServer } from '../support/app-server.js';
import { setupBrowser, ZOD_EVAL_PROBE } from '../support/browser.js';
import { shareWithSite } from '../support/cooperatives.js';
import { captureScreen } from '../support/screens.js';

const EMAIL = 'access.browser@coop.example';
const PASSWORD = 'grants in the browser';

const field = (page: Page, label: string) => page.getByLabel(new RegExp(`^${label}( \\*)?$`));

// /id/access in Chromium: the cooperative that holds the member's data (shared through the
// SDK and read once by examples/coop-site), which fields, when it last read it and how often;
// revoking keeps the grant as history. /id/accounts: closing the account revokes the access.
describe('access to the member data: /id/access', () => {
  let server: AppServer;
  let site: CoopSite;
  let member: MemberClient;

  beforeAll(async () => {
    server = await startAppServer();
    site = await startCoopSite(server);
    member = await server.registerMember(EMAIL, PASSWORD);
    await member.card.issue(anna);
    await member.card.createAccount(site.coop.coopname);
    await shareWithSite(site, member);
  });
  afterAll(async () => {
    await member?.logout().catch(() => undefined);
    await site?.close();
    await server?.close();
  });
  const browser = setupBrowser({ baseURL: () => server.url, allow: [ZOD_EVAL_PROBE] });

  async function signIn(page: Page, next: string): Promise<void> {
    await page.goto(`/id/login?${new URLSearchParams({ next })}`);
    await field(page, 'Адрес электронной почты').fill(EMAIL);
    await field(page, 'Пароль').fill(PASSWORD);
    await page.getByRole('button', { name: 'Войти', exact: true }).click();
    await page.waitForURL(`**${next}`);
  }

  /** A date as the pages write it: `4 декабря 2026 г. в 23:15`. */
  const DATE = /\d{1,2} \S+ \d{4} г\.,? (в )?\d{1,2}:\d{2}/u;

  it('lists who holds which data since when and how often they read it; a revoked grant stays as history with its dates', async () => {
    const { page } = browser;
    await signIn(page, '/id/access');

    const grant = page.getByRole('listitem').filter({ hasText: site.coop.displayName });
    await grant.waitFor();
    expect(await grant.getByRole('heading').textContent()).toBe(site.coop.displayName);
    const details = (await grant.textContent()) ?? '';
    expect(details).toContain('Какие данные у кооператива');
    expect(details).toContain('Фамилия, Имя');
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
    expect((await member.access.list()).map((g) => g.revoked_at)).toEqual([null]);

    await revoke.click();
    await dialog.getByRole('button', { name: 'Отозвать', exact: true }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Доступ отозван: ${site.coop.displayName}.` })
      .waitFor();
    await page.getByText('Сейчас ни у одного кооператива нет доступа к вашим данным.').waitFor();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent))
      .toBe('Доступы к данным');

    // Kept as history: marked revoked, shared and revoked dates, the fields, no button.
    const history = page.getByRole('region', { name: 'Отозванные доступы' });
    const revoked = history.getByRole('listitem').filter({ hasText: site.coop.displayName });
    const text = (await revoked.textContent()) ?? '';
    expect(text).toContain('Отозван');
    expect(text).toMatch(new RegExp(`Переданы${DATE.source}`, 'u'));
    expect(text).toMatch(new RegExp(`Доступ отозван${DATE.source}`, 'u'));
    expect(text).toContain('Фамилия, Имя');
    expect(await revoked.getByRole('button').count()).toBe(0);
    const [kept] = await member.access.list();
    expect(kept?.revoked_at).not.toBeNull();
    await captureScreen(page, 'id-access-revoked');
    browser.expectNoProblems();
  });

  it('says which fields are not recorded for a grant made before card.coop kept them', async () => {
    const { page } = browser;
    // Grants made before the field names were stored come back with none.
    await page.route('**/api/v1/access/list', async (route) => {
      const answer = await route.fetch();
      const body = (await answer.json()) as { grants: { fields: string[] }[] };
      const grants = body.grants.map((grant) => ({ ...grant, fields: [] }));
      await route.fulfill({ response: answer, json: { grants } });
    });
    await signIn(page, '/id/access');
    const grant = page.getByRole('listitem').filter({ hasText: site.coop.displayName });
    await grant.waitFor();
    expect(await grant.textContent()).toContain(
      'Какие данные у кооперативане записано (доступ выдан до того, как card.coop стал это сохранять)',
    );
  });

  it('closing an account asks first, revokes the cooperative’s access and shows the account closed', async () => {
    const { page } = browser;
    await shareWithSite(site, member);
    expect((await member.access.list()).filter((g) => g.revoked_at === null)).toHaveLength(1);
    await signIn(page, '/id/accounts');

    const name = site.coop.displayName;
    const close = page.getByRole('button', { name: `Закрыть аккаунт в «${name}»` });
    await close.click();
    const dialog = page.getByRole('dialog', { name: `Закрыть аккаунт в «${name}»?` });
    await dialog.waitFor();
    const warning = (await dialog.textContent()) ?? '';
    const [account] = await member.card.listAccounts();
    expect(warning).toContain('Доступ кооператива к вашим данным будет отозван');
    expect(warning).toContain(`Имя пользователя ${account!.username} больше никогда не будет`);
    expect(warning).toContain('кооператив узнает о закрытии');
    await captureScreen(page, 'id-accounts-close', { languages: ['ru'] });

    await dialog.getByRole('button', { name: 'Закрыть аккаунт', exact: true }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Аккаунт в «${name}» закрыт, доступ кооператива к вашим данным отозван.` })
      .waitFor();
    const mine = page.getByRole('region', { name: 'Ваши аккаунты' });
    const item = mine.getByRole('listitem').filter({ hasText: name });
    await expect.poll(() => item.textContent()).toMatch(new RegExp(`Закрыт${DATE.source}`, 'u'));
    // Nothing left to do with it: no close button, no key to copy.
    expect(await item.getByRole('button').count()).toBe(0);
    expect(await item.textContent()).toContain(account!.username);

    const [closed] = await member.card.listAccounts();
    expect(closed?.closedAt).not.toBeNull();
    const grants = await member.access.list();
    expect(grants.length).toBeGreaterThan(0);
    expect(grants.every((grant) => grant.revoked_at !== null)).toBe(true);
    await captureScreen(page, 'id-accounts-closed');

    await page.getByRole('banner').getByRole('link', { name: 'Доступы' }).click();
    await page.getByText('Сейчас ни у одного кооператива нет доступа к вашим данным.').waitFor();
    browser.expectNoProblems();
  });
});
