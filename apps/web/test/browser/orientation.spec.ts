import * as opaque from '@serenity-kit/opaque';
import { createClient } from '@cardcoop/sdk';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anna } from '../../../../packages/sdk/src/testing/card-fixtures.js';
import { base32Decode, codeAt, stepAt } from '../../../server/src/modules/totp/totp.js';
import { initiateLogin } from '../../../server/test/support/raw-member.js';
import type { CoopSite } from '../../../../examples/coop-site/index.js';
import { startAppServer, startCoopSite } from '../support/app-server.js';
import type { AppServer } from '../support/app-server.js';
import { setupBrowser, ZOD_EVAL_PROBE } from '../support/browser.js';
import { captureScreen } from '../support/screens.js';

const PASSWORD = 'orientation keyboard lantern 7';

let counter = 0;
const newEmail = () => `orient${Date.now()}-${++counter}@coop.example`;

const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { name });
/** A link of the header's menu (a signed-in member's: the home and the card's screens). */
const menuLink = (page: Page, name: string) =>
  page.getByRole('banner').getByRole('link', { name, exact: true });
const isFocused = (page: Page, label: string | RegExp) =>
  page.getByLabel(label).evaluate((element) => element === document.activeElement);
const eventually = <T>(value: () => T | Promise<T>) => expect.poll(value, { timeout: 15_000 });

/** What this browser keeps in its device store under `record` (null: nothing). */
const kept = (page: Page, record: string) =>
  page.evaluate(
    (key) =>
      new Promise<unknown>((resolve) => {
        const open = indexedDB.open('cardcoop-device');
        open.onsuccess = () => {
          const get = open.result.transaction('trusted').objectStore('trusted').get(key);
          get.onsuccess = () => resolve(get.result ?? null);
        };
      }),
    record,
  );

// Orientation, keyboard and messages of the id service (issue 12): the landing page's way in,
// focus on every step, the locked screen, the sessions list and log, and the messages a member
// meets when something is refused.
describe('orientation and keyboard in the id service', () => {
  let server: AppServer;
  let site: CoopSite;
  beforeAll(async () => {
    server = await startAppServer();
    site = await startCoopSite(server);
  });
  afterAll(async () => {
    await site?.close();
    await server?.close();
  });
  const browser = setupBrowser({ baseURL: () => server.url, allow: [ZOD_EVAL_PROBE] });

  /** Types e-mail and password on the login page, and sends them with Enter (no click). */
  async function typeCredentials(page: Page, email: string, password = PASSWORD) {
    await page.goto('/id/login');
    await heading(page, 'Вход').waitFor();
    await page.keyboard.type(email);
    await page.getByLabel(/^Пароль/).fill(password);
    await page.keyboard.press('Enter');
  }

  it('the landing page leads to creating a card or signing in; the navigation says “My card”', async () => {
    const { page } = browser;
    await page.goto('/');
    await heading(page, 'Одна карта пайщика для всех кооперативов').waitFor();
    const nav = page.getByRole('navigation', { name: 'Основная навигация' });
    expect(await nav.getByRole('link').allTextContents()).toContain('Моя карта');
    expect(await page.getByText('id.card.coop', { exact: true }).count()).toBe(0);
    await captureScreen(page, 'home');

    await page.getByRole('link', { name: 'Создать карту' }).click();
    await page.waitForURL('**/id/register');
    await heading(page, 'Регистрация').waitFor();
    await page.goto('/');
    await page.getByRole('main').getByRole('link', { name: 'Войти' }).click();
    await page.waitForURL('**/id/login');
    browser.expectNoProblems();
  });

  it('the login page opens on the e-mail field; a TOTP typed right after the password lands in the code field and signs in; the header names the account', async () => {
    const { page } = browser;
    const email = newEmail();
    const member = await server.registerMember(email, PASSWORD);
    const { secret, setup_id } = await member.totp.setup({ password: PASSWORD });
    const key = base32Decode(secret);
    const step = () => stepAt(Date.now() / 1000);
    await member.totp.confirm(setup_id, codeAt(key, step()));
    await member.logout();

    await page.goto('/id/login');
    await heading(page, 'Вход').waitFor();
    expect(await isFocused(page, 'Адрес электронной почты')).toBe(true);
    await captureScreen(page, 'id-login');

    await typeCredentials(page, email);
    await heading(page, 'Подтверждение входа').waitFor();
    await eventually(() => isFocused(page, 'Код из приложения')).toBe(true);
    // The confirmation spent this step's code: the next step's is within the drift window.
    await page.keyboard.type(codeAt(key, step() + 1));
    await page.keyboard.press('Enter');
    await page.waitForURL('**/member');

    const header = page.getByRole('banner');
    await eventually(() => header.textContent()).toContain(`Вы вошли как ${email}`);
    browser.expectNoProblems();
  });

  it('every new step of a flow puts the focus in its first field (registration, forgotten password)', async () => {
    const { page } = browser;
    const email = newEmail();
    await page.goto('/id/register');
    await page.getByLabel('Адрес электронной почты').fill(email);
    await page.getByRole('checkbox', { name: /принимаю/ }).check();
    await page.getByRole('button', { name: 'Получить код' }).click();
    await page.getByLabel('Код из письма').waitFor();
    await eventually(() => isFocused(page, 'Код из письма')).toBe(true);

    await page.goto('/id/forgot');
    await page.getByRole('button', { name: 'Восстановить с ключом' }).click();
    await eventually(() => isFocused(page, 'Адрес электронной почты')).toBe(true);
    browser.expectNoProblems();
  });

  it('the locked screen names the account, says a wrong password is wrong, and “Forget this device” signs out and wipes what the device kept', async () => {
    const { page } = browser;
    const email = newEmail();
    await server.registerMember(email, PASSWORD);
    await typeCredentials(page, email);
    await page.waitForURL('**/member');
    expect(await kept(page, 'account')).toMatchObject({ email });

    await page.reload();
    await heading(page, 'Карта заблокирована').waitFor();
    const screen = page.getByRole('main');
    expect(await screen.textContent()).toContain(`Вы вошли как ${email}`);
    expect(await isFocused(page, /^Пароль/)).toBe(true);
    expect(await screen.getByRole('link', { name: 'Забыли пароль?' }).getAttribute('href')).toBe(
      '/id/forgot',
    );
    await captureScreen(page, 'id-locked');

    // A wrong password says so in words about the password, not the address.
    await page.getByLabel(/^Пароль/).fill('not the password');
    await page.keyboard.press('Enter');
    await screen.getByText('Пароль не подходит.', { exact: false }).waitFor();

    await screen.getByRole('button', { name: 'Забыть это устройство' }).click();
    await page.waitForURL('**/id/login**');
    expect(await kept(page, 'account')).toBeNull();
    expect(await kept(page, 'member')).toBeNull();
    expect(await page.getByRole('banner').textContent()).not.toContain(email);
    // The session ended on the server: a reload finds nothing to resume.
    await page.goto('/id/card');
    await page.waitForURL('**/id/login**');
    browser.expectNoProblems();
  });

  it('a trusted device can be forgotten from the sessions list: the kept key is wiped, the card stays open', async () => {
    const { page } = browser;
    const email = newEmail();
    await server.registerMember(email, PASSWORD);
    await page.goto('/id/login?next=/id/security');
    await page.getByLabel('Адрес электронной почты').fill(email);
    await page.getByLabel(/^Пароль/).fill(PASSWORD);
    await page.getByRole('checkbox', { name: 'Доверять этому устройству' }).check();
    await page.getByRole('button', { name: 'Войти', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Безопасность' }).waitFor();
    expect(await kept(page, 'member')).not.toBeNull();

    const sessions = page.getByRole('region', { name: 'Сеансы и устройства' });
    await sessions.getByText('Это устройство доверенное').waitFor();
    await sessions.getByRole('button', { name: 'Забыть это устройство' }).click();
    await sessions.getByText('Устройство забыто').waitFor();
    expect(await kept(page, 'member')).toBeNull();
    await page.reload();
    await heading(page, 'Карта заблокирована').waitFor();
    browser.expectNoProblems();
  });

  it('a locked-out sign-in says how many minutes are left', async () => {
    const { page } = browser;
    const email = newEmail();
    await server.registerMember(email, PASSWORD);
    // Five unproven password rounds from this address lock it for a minute.
    await opaque.ready;
    for (let round = 0; round < 5; round += 1)
      await initiateLogin(server.url, email, 'wrong guess').catch(() => undefined);

    await typeCredentials(page, email);
    await page.getByText('Слишком много попыток. Попробуйте снова через 1 мин.').waitFor();
    browser.expectNoProblems();
  });

  it('a pending deletion shows a banner with its date on every page, whose link leads to cancelling it', async () => {
    const { page } = browser;
    const email = newEmail();
    await server.registerMember(email, PASSWORD);
    const client = createClient({ baseUrl: server.url });
    await client.auth.requestDeletion(email);
    const { deletion_due_at: due } = await client.auth.confirmDeletion({
      email,
      code: await server.latestCode(email),
    });

    await typeCredentials(page, email);
    // The date as the page writes it, in the browser's time zone.
    const date = await page.evaluate(
      (at) => new Intl.DateTimeFormat('ru', { dateStyle: 'long' }).format(new Date(at)),
      due!,
    );
    await page.waitForURL('**/member');
    await menuLink(page, 'Карта').click();
    // The banner, not the security page's own notice of the same deletion (which has no link).
    const banner = page.getByRole('status').filter({
      hasText: 'Учётная запись будет удалена',
      has: page.getByRole('link', { name: 'Отменить удаление' }),
    });
    for (const path of ['/id/card', '/id/access', '/id/accounts', '/id/security']) {
      if (path !== '/id/card') await menuLink(page, menuName(path)).click();
      await page.waitForURL(`**${path}`);
      await eventually(() => banner.first().textContent()).toContain(date);
    }
    await menuLink(page, 'Карта').click();
    await banner.waitFor();
    await captureScreen(page, 'id-deletion-banner');
    await banner.getByRole('link', { name: 'Отменить удаление' }).click();
    await page.waitForURL('**/id/security#deletion');
    const section = page.getByRole('region', { name: 'Удаление учётной записи' });
    await section.getByRole('button', { name: 'Отменить удаление' }).click();
    await eventually(() => banner.count()).toBe(0);
    browser.expectNoProblems();
  });

  it('the sessions list marks this device and shows only a masked address; the log names a cooperative by its name', async () => {
    const { page } = browser;
    const email = newEmail();
    const member = await server.registerMember(email, PASSWORD);
    await member.card.issue(anna);
    await member.card.createAccount(site.coop.coopname);

    await typeCredentials(page, email);
    await page.waitForURL('**/member');
    await menuLink(page, 'Безопасность').click();
    const sessions = page.getByRole('region', { name: 'Сеансы и устройства' });
    const current = sessions.getByRole('listitem').filter({ hasText: 'Это устройство' });
    await current.waitFor();
    const text = (await current.textContent()) ?? '';
    expect(text).toMatch(/Откуда вошли \(сеть\): (127\.0\.0\.x|0:0:…)/);
    expect(text).not.toMatch(/127\.0\.0\.1|::1/);

    const history = page.getByRole('region', { name: 'История входов и событий' });
    await eventually(() => history.textContent()).toContain(
      `в кооперативе ${site.coop.displayName}`,
    );
    await captureScreen(page, 'id-security-sessions');
    await member.logout();
    browser.expectNoProblems();
  });
});

const MENU: Record<string, string> = {
  '/id/card': 'Карта',
  '/id/accounts': 'Аккаунты',
  '/id/access': 'Доступы',
  '/id/security': 'Безопасность',
};
const menuName = (path: string) => MENU[path]!;
