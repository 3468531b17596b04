import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoopSite } from '../../../../examples/coop-site/index.js';
import { anna } from '../../../../packages/sdk/src/testing/card-fixtures.js';
import { startAppServer, startCoopSite } from '../support/app-server.js';
import type { AppServer } from '../support/app-server.js';
import { setupBrowser, ZOD_EVAL_PROBE } from '../support/browser.js';
import { shareWithSite } from '../support/cooperatives.js';
import { captureScreen } from '../support/screens.js';

const PASSWORD = 'member home in the browser';
/** A cooperative where the member applies and is not confirmed. */
const APPLIED = 'voskhod';
const APPLIED_NAME = 'ПК ВОСХОД';

let counter = 0;
const newEmail = () => `home${Date.now()}-${++counter}@coop.example`;

const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { name });
const menu = (page: Page) => page.getByRole('banner').getByRole('navigation');
const section = (page: Page, name: string) => page.getByRole('region', { name, exact: true });
const tour = (page: Page) => page.getByRole('region', { name: 'Знакомство с CARD.COOP' });
const eventually = <T>(value: () => T | Promise<T>) => expect.poll(value, { timeout: 15_000 });

// The member's home (/member, issue 13): the card at a glance, accounts (a cooperative's name
// only once it confirmed the membership), who read the data, security events; one menu to the
// card's screens; the help centre and the first-run tour.
describe('the member home: /member', () => {
  let server: AppServer;
  let site: CoopSite;

  beforeAll(async () => {
    server = await startAppServer();
    site = await startCoopSite(server);
    const created = await fetch(`${server.url}/api/v1/admin/cooperatives`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${server.adminApiKey}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ coopname: APPLIED, display_name: APPLIED_NAME }),
    });
    expect(created.status).toBe(201);
  });
  afterAll(async () => {
    await site?.close();
    await server?.close();
  });
  const browser = setupBrowser({ baseURL: () => server.url, allow: [ZOD_EVAL_PROBE] });

  async function signIn(page: Page, email: string, query = ''): Promise<void> {
    await page.goto(`/id/login${query}`);
    await page.getByLabel('Адрес электронной почты').fill(email);
    await page.getByLabel(/^Пароль/).fill(PASSWORD);
    await page.getByRole('button', { name: 'Войти', exact: true }).click();
  }

  it('lands on /member after sign-in: the card at a glance, accounts (a name only where confirmed), reads of the data, security events', async () => {
    const { page } = browser;
    const email = newEmail();
    const member = await server.registerMember(email, PASSWORD);
    await member.card.issue(anna);
    const applied = await member.card.createAccount(APPLIED);
    await member.card.createAccount(site.coop.coopname);
    await shareWithSite(site, member);

    await signIn(page, email);
    await page.waitForURL('**/member');
    await heading(page, 'Кабинет').waitFor();

    const card = section(page, 'Моя карта');
    await eventually(() => card.textContent()).toContain('Физическое лицо');
    const cardText = (await card.textContent()) ?? '';
    expect(cardText).toMatch(/Заполнена\d{1,3}%/);
    expect(cardText).toMatch(/Последнее изменение\d{1,2} \S+ \d{4} г\./u);
    expect(cardText).toContain('Не заполнено:');
    await card.getByRole('link', { name: 'Изменить карту' }).waitFor();

    const accounts = section(page, 'Аккаунты в кооперативах');
    const items = accounts.getByRole('listitem');
    await eventually(() => items.count()).toBe(2);
    const confirmed = items.filter({ hasText: site.coop.displayName });
    expect(await confirmed.textContent()).toContain('членство подтверждено');
    const pending = items.filter({ hasText: applied.username });
    expect(await pending.textContent()).toContain('ожидает подтверждения');
    // The applicant's cooperative is not named until it confirms the membership.
    expect(await pending.textContent()).not.toContain(APPLIED_NAME);
    expect(await accounts.textContent()).not.toContain(APPLIED_NAME);

    const reads = section(page, 'Кто читал мои данные');
    const read = reads.getByRole('listitem').filter({ hasText: site.coop.displayName });
    await read.waitFor();
    expect(await read.textContent()).toMatch(/Последнее чтение: .+ · 1 раз$/u);

    const security = section(page, 'Последние события безопасности');
    await eventually(() => security.getByRole('listitem').count()).toBeGreaterThan(0);
    expect(await security.textContent()).toContain(site.coop.displayName);

    await tour(page).getByRole('button', { name: 'Пропустить' }).click();
    await captureScreen(page, 'member-home');
    await member.logout();
    browser.expectNoProblems();
  });

  it('one menu leads from the home to each screen of the card and back, marking the current page; each screen links its help', async () => {
    const { page } = browser;
    const email = newEmail();
    await server.registerMember(email, PASSWORD);
    await signIn(page, email);
    await page.waitForURL('**/member');
    const current = () => menu(page).locator('[aria-current="page"]').textContent();
    await eventually(current).toBe('Кабинет');

    const screens = [
      ['Карта', '/id/card', 'Что такое карта пайщика?'],
      ['Аккаунты', '/id/accounts', 'Как закрыть аккаунт в кооперативе?'],
      ['Доступы', '/id/access', 'Как передать данные кооперативу и отозвать доступ?'],
      ['Безопасность', '/id/security', 'Что такое двухфакторная защита?'],
    ] as const;
    for (const [name, path, question] of screens) {
      await menu(page).getByRole('link', { name, exact: true }).click();
      await page.waitForURL(`**${path}`);
      await eventually(current).toBe(name);
      // The screen's "?" opens the help centre at its answer, which takes the focus.
      await page.getByRole('link', { name: `Справка: ${name}` }).click();
      await page.waitForURL(/\/help#/);
      await eventually(() => page.evaluate(() => document.activeElement?.textContent)).toBe(
        question,
      );
      await eventually(current).toBe('Помощь');
      await page.goBack();
      await page.waitForURL(`**${path}`);
      await menu(page).getByRole('link', { name: 'Кабинет' }).click();
      await page.waitForURL('**/member');
      await heading(page, 'Кабинет').waitFor();
    }
    browser.expectNoProblems();
  });

  it('keeps ?next= after sign-in; /member asks a signed-out visitor to sign in and comes back', async () => {
    const { page } = browser;
    const email = newEmail();
    await server.registerMember(email, PASSWORD);
    await page.goto('/member');
    await page.waitForURL('**/id/login?next=%2Fmember');
    await page.getByLabel('Адрес электронной почты').fill(email);
    await page.getByLabel(/^Пароль/).fill(PASSWORD);
    await page.getByRole('button', { name: 'Войти', exact: true }).click();
    await page.waitForURL('**/member');
    await page.getByRole('button', { name: 'Выйти' }).click();
    await page.waitForURL('**/id/login');

    await signIn(page, email, `?${new URLSearchParams({ next: '/id/access' })}`);
    await page.waitForURL('**/id/access');
    browser.expectNoProblems();
  });

  it('the tour shows once for a new member, a step at a time; skipped, it stays away; Help replays it', async () => {
    const { page } = browser;
    const email = newEmail();
    await server.registerMember(email, PASSWORD);
    await signIn(page, email);
    await page.waitForURL('**/member');

    const steps = tour(page);
    await steps.getByText('Шаг 1 из 4').waitFor();
    await heading(page, 'Ваша карта пайщика').waitFor();
    await steps.getByRole('button', { name: 'Дальше' }).click();
    await heading(page, 'Набор восстановления').waitFor();
    await eventually(() => page.evaluate(() => document.activeElement?.textContent)).toBe(
      'Набор восстановления',
    );
    await captureScreen(page, 'member-tour');
    await steps.getByRole('button', { name: 'Пропустить' }).click();
    await steps.waitFor({ state: 'hidden' });

    // Remembered on this device: back on the home, no tour.
    await menu(page).getByRole('link', { name: 'Карта', exact: true }).click();
    await page.waitForURL('**/id/card');
    await menu(page).getByRole('link', { name: 'Кабинет' }).click();
    await heading(page, 'Кабинет').waitFor();
    await section(page, 'Моя карта').getByText('Карты пока нет.', { exact: false }).waitFor();
    expect(await steps.count()).toBe(0);

    await menu(page).getByRole('link', { name: 'Помощь' }).click();
    await page.getByRole('button', { name: 'Пройти знакомство снова' }).click();
    await page.waitForURL('**/member');
    await steps.getByText('Шаг 1 из 4').waitFor();
    for (let step = 1; step < 4; step++)
      await steps.getByRole('button', { name: 'Дальше' }).click();
    await steps.getByRole('button', { name: 'Готово' }).click();
    await steps.waitFor({ state: 'hidden' });
    browser.expectNoProblems();
  });

  it('the help centre is reachable from every page, signed in or not, and its anchors open the answer', async () => {
    const { page } = browser;
    for (const path of ['/', '/id/login', '/id/register', '/business']) {
      await page.goto(path);
      await menu(page).getByRole('link', { name: 'Помощь' }).click();
      await page.waitForURL('**/help');
      await heading(page, 'Помощь').waitFor();
    }
    await captureScreen(page, 'help');

    await page.goto('/');
    await page.goto('/help#recovery-kit');
    await eventually(() => page.evaluate(() => document.activeElement?.id)).toBe('recovery-kit');
    await page.getByRole('link', { name: 'Что видит сервер?' }).click();
    await page.waitForURL('**/help#server-sees');
    await eventually(() => page.evaluate(() => document.activeElement?.id)).toBe('server-sees');
    // The tour is the home's: nothing to replay signed out.
    expect(await page.getByRole('button', { name: 'Пройти знакомство снова' }).count()).toBe(0);
    browser.expectNoProblems();
  });
});
