import type { MemberClient } from '@cardcoop/sdk';
import { createBusinessClient } from '@cardcoop/sdk/business';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoopSite } from '../../../../examples/coop-site/index.js';
import { anna } from '../../../../packages/sdk/src/testing/card-fixtures.js';
import { startAppServer, startCoopSite } from '../support/app-server.js';
import type { AppServer } from '../support/app-server.js';
import { setupBrowser, ZOD_EVAL_PROBE } from '../support/browser.js';
import { updateCooperative } from '../support/cooperatives.js';
import { captureScreen, setLanguage } from '../support/screens.js';

const PASSWORD = 'consent in the browser';
/** A 2×2 PNG: the logo the cooperative uploads. */
const LOGO_PNG = Uint8Array.from(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGPQz7/wf4MCw/8NCvr5FwAt4AZ7PVzjBAAAAABJRU5ErkJggg==',
    'base64',
  ),
);
const LEGAL_NAME = 'Потребительский кооператив "Восход"';

const field = (page: Page, label: string) => page.getByLabel(new RegExp(`^${label}( \\*)?$`));

async function signIn(page: Page, email: string): Promise<void> {
  await field(page, 'Адрес электронной почты').fill(email);
  await field(page, 'Пароль').fill(PASSWORD);
  await page.getByRole('button', { name: 'Войти', exact: true }).click();
}

/** The card behind the password again, after the tab left card.coop for the cooperative. */
async function unlockAt(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await page.getByRole('heading', { name: 'Карта заблокирована' }).waitFor();
  await field(page, 'Пароль').fill(PASSWORD);
  await page.getByRole('button', { name: 'Открыть' }).click();
}

const consentHeading = (page: Page) =>
  page.getByRole('heading', { name: 'Согласие на передачу персональных данных' });
const shareButton = (page: Page) => page.getByRole('button', { name: 'Передать отмеченное' });

// The consent screen of /id/connect as a consent under 152-ФЗ, for a member with a card and no
// account in the cooperative (examples/coop-site admits applicants): nothing exists in the
// cooperative until the member shares; declining leaves nothing behind.
describe('consent to share: /id/connect for a member with no account there', () => {
  let server: AppServer;
  let site: CoopSite;
  let members = 0;

  /** A member with a card and no account anywhere, kept signed in for checks over the API. */
  async function newMember(): Promise<{ email: string; member: MemberClient }> {
    const email = `consent.${++members}@coop.example`;
    const member = await server.registerMember(email, PASSWORD);
    await member.card.issue(anna);
    return { email, member };
  }

  async function openConsent(page: Page, email: string): Promise<void> {
    await page.goto(site.url);
    await page.getByRole('link', { name: 'Вступить в кооператив через card.coop' }).click();
    await page.waitForURL(`${server.url}/id/connect?**`);
    await signIn(page, email);
    await consentHeading(page).waitFor();
  }

  beforeAll(async () => {
    server = await startAppServer();
    site = await startCoopSite(server);
    await updateCooperative(server, site.coop.coopname, { legal_name: LEGAL_NAME });
  });
  afterAll(async () => {
    await site?.close();
    await server?.close();
  });
  const browser = setupBrowser({ baseURL: () => server.url, allow: [ZOD_EVAL_PROBE] });

  it('names the recipient, the default purpose, the term and how to revoke, with the values as people read them; Share waits for a ticked field; declining creates nothing', async () => {
    const { page } = browser;
    const { email, member } = await newMember();
    await openConsent(page, email);

    const form = page.locator('form');
    const text = (await form.textContent()) ?? '';
    expect(text).toContain(`${LEGAL_NAME} (${site.coop.coopname})`);
    expect(text).toContain('рассмотрение заявления о вступлении в кооператив и учёт пайщиков');
    expect(text).toContain('до отзыва согласия');
    expect(text).toContain('В любой момент, без объяснения причин');
    const revoke = page.getByRole('link', { name: '«Доступы» на card.coop' });
    expect(await revoke.getAttribute('href')).toBe('/id/access');
    // Values as the card view shows them, not as stored.
    expect(await page.getByText('14 февраля 1988 г.').isVisible()).toBe(true);
    expect(await page.getByText('+7 900 111-22-33').isVisible()).toBe(true);
    expect(text).not.toContain('1988-02-14');
    expect(text).not.toContain('+79001112233');
    // No account yet: the member is told sharing opens one, and none exists meanwhile.
    expect(text).toContain('Будет открыт аккаунт в кооперативе');
    expect(await member.card.listAccounts()).toEqual([]);
    await captureScreen(page, 'id-connect-consent-terms');

    await setLanguage(page, 'en');
    const english = (await form.textContent()) ?? '';
    expect(english).toContain('membership application and the member register');
    expect(english).toContain('until you revoke it');
    expect(english).toContain('14 February 1988');
    await setLanguage(page, 'ru');

    // Nothing ticked: Share is disabled, and the reason is on screen and tied to the button.
    expect(await shareButton(page).isEnabled()).toBe(true);
    for (const checkbox of await page.getByRole('checkbox').all()) await checkbox.uncheck();
    expect(await shareButton(page).isDisabled()).toBe(true);
    const reason = page.getByText('Ничего не отмечено, передавать нечего');
    expect(await reason.isVisible()).toBe(true);
    expect(await shareButton(page).getAttribute('aria-describedby')).toBe(
      await reason.getAttribute('id'),
    );
    await page.getByRole('checkbox', { name: 'Телефон', exact: true }).check();
    expect(await shareButton(page).isEnabled()).toBe(true);

    await page.getByRole('button', { name: 'Отказаться', exact: true }).click();
    await page.waitForURL(`${site.url}/callback?**`);
    expect(new URL(page.url()).searchParams.get('error')).toBe('access_denied');
    // The coop site answers a decline with a 400 page.
    browser.allow(/400 GET http:\/\/127\.0\.0\.1:\d+\/callback/);

    // Nothing in the cooperative: no account, no grant, over the API and on the pages.
    expect(await member.card.listAccounts()).toEqual([]);
    expect(await member.access.list()).toEqual([]);
    await unlockAt(page, '/id/accounts');
    await page.getByText('У вас пока нет аккаунтов').waitFor();
    await page.getByRole('banner').getByRole('link', { name: 'Доступы' }).click();
    await page.getByText('Вы ещё никому не передавали данные.').waitFor();
    // The one trace: the refusal in the member's own history.
    await page.getByRole('banner').getByRole('link', { name: 'Безопасность' }).click();
    await page
      .getByRole('region', { name: 'История входов и событий' })
      .getByText('Вы отказались передать данные кооперативу')
      .waitFor();
  });

  it('states the cooperative’s own purpose; sharing opens the account and the grant, both on their pages', async () => {
    const { page } = browser;
    const purpose = 'приём заявлений о вступлении и учёт паевых взносов';
    await updateCooperative(server, site.coop.coopname, { consent_purpose: purpose });
    const { email, member } = await newMember();
    await openConsent(page, email);
    const text = (await page.locator('form').textContent()) ?? '';
    expect(text).toContain(purpose);
    expect(text).not.toContain('рассмотрение заявления о вступлении в кооператив');

    await page.getByRole('checkbox', { name: 'Отчество', exact: true }).uncheck();
    await shareButton(page).click();
    await page.waitForURL(`${site.url}/callback?**`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Добро пожаловать, Анна Петрова!',
    );

    const [account, ...others] = await member.card.listAccounts();
    expect(others).toEqual([]);
    expect(account).toMatchObject({ coopname: site.coop.coopname, closedAt: null });
    const [grant] = await member.access.list();
    expect(grant).toMatchObject({ coopname: site.coop.coopname, username: account!.username });
    expect(grant!.fields).not.toContain('middle_name');

    await unlockAt(page, '/id/accounts');
    const item = page.getByRole('listitem').filter({ hasText: site.coop.displayName });
    await item.waitFor();
    expect(await item.textContent()).toContain(account!.username);
    await page.getByRole('banner').getByRole('link', { name: 'Доступы' }).click();
    await page.getByRole('heading', { name: 'Доступы к данным', level: 1 }).waitFor();
    const shared = page.getByRole('listitem').filter({ hasText: site.coop.displayName });
    await shared.waitFor();
    const details = (await shared.textContent()) ?? '';
    expect(details).toContain('Фамилия, Имя, Дата рождения, Телефон, Электронная почта');
    expect(details).not.toContain('Отчество');
    browser.expectNoProblems();
  });

  it('shows how the cooperative presents itself: its logo, description, site and why it asks each field', async () => {
    const { page } = browser;
    // A cooperative connected in the business panel by its owner, approved by the platform,
    // then run by its own site; the owner sets what the consent screen shows.
    const coopname = 'rassvetsite1';
    const owner = await server.registerMember('consent.owner@coop.example', PASSWORD);
    const business = createBusinessClient(owner);
    await business.claims.connect({ coopname, display_name: 'ПК «Рассвет»' });
    await business.claims.requestApproval(coopname);
    const approved = await fetch(`${server.url}/api/v1/admin/claims/${coopname}/approve`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${server.adminApiKey}`,
        'content-type': 'application/json',
      },
      body: '{}',
    });
    expect(approved.status).toBe(200);
    const rassvet = await startCoopSite(server, { coopname, displayName: 'ПК «Рассвет»' });
    try {
      const { revision } = await business.integration.get(coopname);
      await business.integration.update(coopname, {
        expected_revision: revision,
        description: 'Кооператив жителей дома на улице Рассветной.',
        site_url: 'https://rassvet.example/about',
        requested_fields: [
          { field: 'last_name', reason: 'Для реестра пайщиков' },
          { field: 'first_name', reason: 'Для реестра пайщиков' },
          { field: 'phone', reason: 'Чтобы позвонить о собрании' },
        ],
      });
      await business.integration.putLogo(coopname, { contentType: 'image/png', bytes: LOGO_PNG });

      const { email } = await newMember();
      await page.goto(rassvet.url);
      await page.getByRole('link', { name: 'Вступить в кооператив через card.coop' }).click();
      await page.waitForURL(`${server.url}/id/connect?**`);
      await signIn(page, email);
      await consentHeading(page).waitFor();

      const logo = page.getByRole('img', { name: 'Логотип: ПК «Рассвет»' });
      await logo.waitFor();
      // Loaded (same origin, allowed by img-src 'self'), not a broken image.
      await page.waitForFunction(
        (alt) =>
          (document.querySelector(`img[alt="${alt}"]`) as HTMLImageElement | null)?.naturalWidth ===
          2,
        'Логотип: ПК «Рассвет»',
      );
      expect(await page.getByText('Кооператив жителей дома на улице Рассветной.').isVisible()).toBe(
        true,
      );
      const site = page.getByRole('link', { name: 'Сайт кооператива: rassvet.example' });
      expect(await site.getAttribute('href')).toBe('https://rassvet.example/about');
      expect(await site.getAttribute('rel')).toBe('noopener noreferrer');
      const phone = page.getByRole('checkbox', { name: 'Телефон', exact: true });
      expect(await phone.getAttribute('aria-describedby')).toBeTruthy();
      const phoneHelp = page.locator(`[id="${await phone.getAttribute('aria-describedby')}"]`);
      expect(await phoneHelp.textContent()).toContain('Зачем: Чтобы позвонить о собрании');
      expect(await page.getByText('Зачем: Для реестра пайщиков', { exact: true }).count()).toBe(2);
      await captureScreen(page, 'id-connect-consent-presented');

      await setLanguage(page, 'en');
      await page.getByRole('img', { name: 'Logo of ПК «Рассвет»' }).waitFor();
      await page.getByRole('link', { name: 'Cooperative’s site: rassvet.example' }).waitFor();
      await page.getByText('Why: Чтобы позвонить о собрании').waitFor();
      await setLanguage(page, 'ru');
      browser.expectNoProblems();
    } finally {
      await rassvet.close();
    }
  });

  it('an account opened elsewhere while the consent is on screen: nothing shared, the member is told and consents under it', async () => {
    const { page } = browser;
    const { email, member } = await newMember();
    await openConsent(page, email);
    expect(await page.getByText('Будет открыт аккаунт в кооперативе').isVisible()).toBe(true);
    const opened = await member.card.createAccount(site.coop.coopname);

    await shareButton(page).click();
    await page.getByRole('alert').filter({ hasText: 'Ничего не передано' }).waitFor();
    browser.allow(/409 POST .*\/api\/v1\/access\/share-data/);
    expect(await member.access.list()).toEqual([]);
    // Shown again under the account that exists now, not a second one.
    await page.getByText(opened.username, { exact: true }).waitFor();
    expect(await page.getByText('Будет открыт аккаунт в кооперативе').count()).toBe(0);

    await shareButton(page).click();
    await page.waitForURL(`${site.url}/callback?**`);
    const accounts = await member.card.listAccounts();
    expect(accounts.map((account) => account.username)).toEqual([opened.username]);
    const [grant] = await member.access.list();
    expect(grant?.username).toBe(opened.username);
  });
});
