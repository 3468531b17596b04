import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer } from '../support/app-server.js';
import type { AppServer } from '../support/app-server.js';
import { setupBrowser, ZOD_EVAL_PROBE } from '../support/browser.js';
import { signInTo } from '../support/member-sign-in.js';
import { captureScreen } from '../support/screens.js';

const PASSWORD = 'recommendations in the browser';
const CARD_TEXT = /^Выпустите карту перед вступлением/;
const TOTP_TEXT = /^Включите двухфакторную защиту/;

const eventually = <T>(value: () => T | Promise<T>) => expect.poll(value, { timeout: 15_000 });
const recommendations = (page: Page) =>
  page.getByRole('region', { name: 'Рекомендации', exact: true });
const item = (page: Page, text: RegExp) =>
  recommendations(page).getByRole('listitem').filter({ hasText: text });

/** A reload locks the card: the password opens it again, back on the home. */
async function reloadAndUnlock(page: Page): Promise<void> {
  await page.reload();
  await page.getByRole('heading', { name: 'Карта заблокирована' }).waitFor();
  await page.getByLabel('Пароль').fill(PASSWORD);
  await page.getByRole('button', { name: 'Открыть' }).click();
}

// Recommendations at the top of the home (issue 13): the server's ("turn on 2FA") with the
// card's own rule, which only the browser can judge; hidden for good, on every device.
describe('recommendations on the home', () => {
  let server: AppServer;

  beforeAll(async () => {
    server = await startAppServer();
  });
  afterAll(async () => {
    await server?.close();
  });
  const browser = setupBrowser({ baseURL: () => server.url, allow: [ZOD_EVAL_PROBE] });

  it('a new member is told to issue the card and turn on 2FA; a hidden one stays hidden after a reload', async () => {
    const { page } = browser;
    const email = `recs${Date.now()}@coop.example`;
    const member = await server.registerMember(email, PASSWORD);

    await signInTo(page, '/member', email, PASSWORD);
    await page
      .getByRole('region', { name: 'Знакомство с CARD.COOP' })
      .getByRole('button', { name: 'Пропустить' })
      .click();

    await item(page, CARD_TEXT).waitFor();
    await item(page, TOTP_TEXT).waitFor();
    // Each says what to do, and where.
    await item(page, TOTP_TEXT).getByRole('link', { name: 'Включить' }).waitFor();
    expect(
      await item(page, CARD_TEXT)
        .getByRole('link', { name: 'Выпустить карту' })
        .getAttribute('href'),
    ).toBe('/id/card');
    await captureScreen(page, 'member-recommendations');

    await item(page, CARD_TEXT)
      .getByRole('button', { name: /^Скрыть рекомендацию: Выпустите карту/ })
      .click();
    await item(page, CARD_TEXT).waitFor({ state: 'hidden' });
    await eventually(async () => (await member.recommendations.list()).dismissed).toEqual([
      'card-incomplete',
    ]);

    await reloadAndUnlock(page);
    await item(page, TOTP_TEXT).waitFor();
    expect(await item(page, CARD_TEXT).count()).toBe(0);

    // The last one hidden: the section goes.
    await item(page, TOTP_TEXT)
      .getByRole('button', { name: /^Скрыть рекомендацию/ })
      .click();
    await recommendations(page).waitFor({ state: 'detached' });
    const listed = page.waitForResponse((response) =>
      response.url().endsWith('/api/v1/recommendations'),
    );
    await reloadAndUnlock(page);
    expect((await listed).status()).toBe(200);
    await page.getByRole('heading', { name: 'Кабинет' }).waitFor();
    await page.evaluate(
      () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
    );
    expect(await recommendations(page).count()).toBe(0);
    await member.logout();
    browser.expectNoProblems();
  });
});
