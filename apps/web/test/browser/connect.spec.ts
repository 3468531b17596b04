import { createServer } from 'node:http';
import path from 'node:path';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient } from '@cardcoop/sdk';
import type { FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoopSite } from '../../../../examples/coop-site/index.js';
import { anna } from '../../../../packages/sdk/src/testing/card-fixtures.js';
import { startAppServer, startCoopSite } from '../support/app-server.js';
import type { AppServer } from '../support/app-server.js';
import { setupBrowser, ZOD_EVAL_PROBE } from '../support/browser.js';
import {
  ARTIFACTS,
  captureScreen,
  expectAccessible,
  LANGUAGES,
  WIDTHS,
} from '../support/screens.js';

const PASSWORD = 'connect in the browser';

type Scope = Page | FrameLocator;

/** A label, with or without Mantine's required mark. */
const field = (scope: Scope, label: string) => scope.getByLabel(new RegExp(`^${label}( \\*)?$`));

/** Signs in on the connect page's first tab (the member has a card). */
async function signIn(scope: Scope, email: string): Promise<void> {
  await field(scope, 'Адрес электронной почты').fill(email);
  await field(scope, 'Пароль').fill(PASSWORD);
  await scope.getByRole('button', { name: 'Войти', exact: true }).click();
}

const consentHeading = (scope: Scope) =>
  scope.getByRole('heading', { name: 'Согласие на передачу персональных данных' });

// The connect flow in Chromium, from examples/coop-site (127.0.0.1, another site) to card.coop
// (localhost) and back: redirect, iframe and popup, each ending on the cooperative's welcome
// page with the data it decrypted; and the refusals of foreign callbacks and origins.
describe('connecting a cooperative: /id/connect, /id/embed and /widget.js', () => {
  let server: AppServer;
  let site: CoopSite;
  let members = 0;

  /** A member (registered through the SDK) with a card unless asked, and no account there. */
  async function newMember({ card = true } = {}): Promise<string> {
    const email = `connect.${++members}@coop.example`;
    const member = await server.registerMember(email, PASSWORD);
    if (card) await member.card.issue(anna);
    await member.logout();
    return email;
  }

  const connectUrl = (params: Record<string, string>) =>
    `/id/connect?${new URLSearchParams({
      coopname: site.coop.coopname,
      state: 'state-of-the-request-0123456789',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
      ...params,
    })}`;

  beforeAll(async () => {
    server = await startAppServer();
    site = await startCoopSite(server);
  });
  afterAll(async () => {
    await site?.close();
    await server?.close();
  });
  const browser = setupBrowser({ baseURL: () => server.url, allow: [ZOD_EVAL_PROBE] });

  it('registering here: no sign-in tab while the Recovery Kit is on screen; an unsaved kit is asked for again', async () => {
    const { page } = browser;
    const email = `connect.kit.${++members}@coop.example`;
    await page.goto(site.url);
    await page.getByRole('link', { name: 'Вступить в кооператив через card.coop' }).click();
    await page.waitForURL(`${server.url}/id/connect?**`);
    await page.getByRole('tab', { name: 'Я здесь впервые' }).click();
    await field(page, 'Адрес электронной почты').fill(email);
    await page.getByRole('checkbox', { name: /принимаю/ }).check();
    await page.getByRole('button', { name: 'Получить код' }).click();
    await field(page, 'Код из письма').fill(await server.latestCode(email));
    await field(page, 'Новый пароль').fill(PASSWORD);
    await field(page, 'Повторите пароль').fill(PASSWORD);
    await page.getByRole('button', { name: 'Создать карту' }).click();
    await page.getByRole('heading', { name: 'Ваш ключ восстановления' }).waitFor();
    // Switching to "I have a card" would discard the kit: the tabs are gone meanwhile.
    expect(await page.getByRole('tab', { name: 'У меня есть карта' }).count()).toBe(0);

    // Left unsaved: the next unlock asks for a new kit before the consent.
    await page.reload();
    await field(page, 'Пароль').fill(PASSWORD);
    await page.getByRole('button', { name: 'Открыть' }).click();
    await page.getByRole('heading', { name: 'Сохраните ключ восстановления' }).waitFor();
    expect(await consentHeading(page).count()).toBe(0);
    browser.expectNoProblems();
  });

  it('redirect: sign in, see the key fingerprint and the values, untick one, share; the site welcomes the member', async () => {
    const { page } = browser;
    const email = await newMember();
    await page.goto(site.url);
    await page.getByRole('link', { name: 'Вступить в кооператив через card.coop' }).click();
    await page.waitForURL(`${server.url}/id/connect?**`);
    await page.getByRole('heading', { name: 'Войдите в card.coop' }).waitFor();
    await captureScreen(page, 'id-connect-sign-in');
    await signIn(page, email);

    await consentHeading(page).waitFor();
    const fingerprint = (site.coop.fingerprint.toUpperCase().match(/.{4}/g) ?? []).join(' ');
    expect(await page.getByText(fingerprint).isVisible()).toBe(true);
    // The recipient: its legal name (the display name, none being set) and its coopname.
    const recipient = `${site.coop.displayName} (${site.coop.coopname})`;
    expect(await page.getByText(recipient, { exact: true }).isVisible()).toBe(true);
    expect(await page.getByText('Вы вступаете как заявитель').isVisible()).toBe(true);
    for (const label of ['Фамилия', 'Имя', 'Отчество', 'Дата рождения', 'Телефон']) {
      expect(await page.getByRole('checkbox', { name: label, exact: true }).isChecked()).toBe(true);
    }
    expect(await page.getByText('+7 900 111-22-33').isVisible()).toBe(true);
    // The address was not asked for: it is neither offered nor mentioned.
    expect(await page.getByText('Советская').count()).toBe(0);
    // The heading of the new step has the focus.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(
      'Согласие на передачу персональных данных',
    );
    await captureScreen(page, 'id-connect-consent');

    await page.getByRole('checkbox', { name: 'Отчество', exact: true }).uncheck();
    await page.getByRole('button', { name: 'Передать отмеченное' }).click();
    await page.waitForURL(`${site.url}/callback?**`);
    const welcome = page.getByRole('heading', { level: 1 });
    expect(await welcome.textContent()).toBe('Добро пожаловать, Анна Петрова!');
    expect(await page.getByText('+79001112233').isVisible()).toBe(true);
    expect(await page.getByText('Ивановна').count()).toBe(0);
    browser.expectNoProblems();
  });

  it('shares nothing while nothing is ticked, and a decline sends the member back with access_denied', async () => {
    const { page } = browser;
    const email = await newMember();
    await page.goto(site.url);
    await page.getByRole('link', { name: 'Вступить в кооператив через card.coop' }).click();
    await signIn(page, email);
    await consentHeading(page).waitFor();
    for (const checkbox of await page.getByRole('checkbox').all()) await checkbox.uncheck();
    expect(await page.getByRole('button', { name: 'Передать отмеченное' }).isDisabled()).toBe(true);
    expect(await page.getByText('отметьте хотя бы одно поле').isVisible()).toBe(true);
    expect(new URL(page.url()).pathname).toBe('/id/connect');

    await page.getByRole('button', { name: 'Отказаться', exact: true }).click();
    await page.waitForURL(`${site.url}/callback?**`);
    expect(new URL(page.url()).searchParams.get('error')).toBe('access_denied');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Вы отказались передавать данные',
    );
    // The coop site answers a decline with a 400 page.
    browser.allow(/400 GET http:\/\/127\.0\.0\.1:\d+\/callback/);
  });

  it('iframe: the embedded window on the site signs in, consents and hands the ticket to the page', async () => {
    const { page } = browser;
    const email = await newMember();
    await page.goto(site.url);
    await page.getByRole('button', { name: 'Вступить во встроенном окне' }).click();
    const frame = page.frameLocator('#widget-frame iframe');
    await frame.getByRole('heading', { name: 'Войдите в card.coop' }).waitFor();
    const src = new URL((await page.locator('#widget-frame iframe').getAttribute('src')) ?? '');
    expect(`${src.origin}${src.pathname}`).toBe(`${server.url}/id/embed`);
    expect(src.searchParams.get('origin')).toBe(site.url);
    await signIn(frame, email);
    await consentHeading(frame).waitFor();
    await frame.getByRole('button', { name: 'Передать отмеченное' }).click();
    await page.waitForURL(`${site.url}/callback`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Добро пожаловать, Анна Петрова!',
    );
    expect(await page.getByText('Ивановна').isVisible()).toBe(true);
    // No session outlives the frame: the one made there was ended once the ticket was handed over.
    const client = createClient({ baseUrl: server.url, language: 'ru' });
    const login = await client.auth.login({ email, password: PASSWORD });
    if (login.status !== 'authenticated') throw new Error(`login: ${login.status}`);
    const sessions = await client.member(login.session).sessions.list();
    expect(sessions.map((session) => session.current)).toEqual([true]);
    browser.expectNoProblems();
  });

  it('iframe: declining in the embedded window tells the page, which shows the refusal', async () => {
    const { page } = browser;
    await page.goto(site.url);
    await page.getByRole('button', { name: 'Вступить во встроенном окне' }).click();
    const frame = page.frameLocator('#widget-frame iframe');
    await frame.getByRole('button', { name: 'Отказаться и вернуться в кооператив' }).click();
    await page.waitForURL(`${site.url}/callback`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Вы отказались передавать данные',
    );
    browser.allow(/400 POST http:\/\/127\.0\.0\.1:\d+\/callback/);
  });

  it('shows the embedded window in both languages at both widths, accessible', async () => {
    const { page } = browser;
    for (const language of LANGUAGES) {
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 900 });
        await page.goto(`${site.url}/?lang=${language}`);
        await page.locator('#widget-join button[data-mode="iframe"]').click();
        await page.frameLocator('#widget-frame iframe').locator('form').waitFor();
        const frame = page.frames().find((f) => f.url().startsWith(`${server.url}/id/embed`));
        if (!frame) throw new Error('the card.coop frame is missing');
        expect(await frame.evaluate(() => document.documentElement.lang)).toBe(language);
        await page.screenshot({
          path: path.join(ARTIFACTS, 'screenshots', `id-embed-${language}-${width}.png`),
          fullPage: true,
          animations: 'disabled',
          caret: 'hide',
        });
        // axe in the frame itself: the page around it is the cooperative's.
        if (frame)
          await expectAccessible(frame as unknown as Page, `id-embed-${language}-${width}`);
      }
    }
  });

  it('popup: card.coop opens in its own window, which posts the ticket to the site and closes', async () => {
    const { page, context } = browser;
    const email = await newMember();
    await page.goto(site.url);
    const [popup] = await Promise.all([
      context.waitForEvent('page'),
      page.getByRole('button', { name: 'Вступить через всплывающее окно' }).click(),
    ]);
    await popup.waitForURL(`${server.url}/id/connect?**`);
    const params = new URL(popup.url()).searchParams;
    expect(params.get('response_mode')).toBe('web_message');
    expect(params.get('redirect_uri')).toBe(site.url);
    await signIn(popup, email);
    await consentHeading(popup).waitFor();
    await Promise.all([
      popup.waitForEvent('close'),
      popup.getByRole('button', { name: 'Передать отмеченное' }).click(),
    ]);
    await page.waitForURL(`${site.url}/callback`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Добро пожаловать, Анна Петрова!',
    );
    browser.expectNoProblems();
  });

  it('a member without a card is sent to issue one, with the way back; a reload asks for the password', async () => {
    const { page } = browser;
    const email = await newMember({ card: false });
    await page.goto(site.url);
    await page.getByRole('link', { name: 'Вступить в кооператив через card.coop' }).click();
    await signIn(page, email);
    await page.getByRole('heading', { name: 'Сначала выпустите карту пайщика' }).waitFor();
    const connect = new URL(page.url());
    const issue = page.getByRole('link', { name: 'Выпустить карту' });
    const next = new URL((await issue.getAttribute('href')) ?? '', server.url);
    expect(next.pathname).toBe('/id/card');
    expect(next.searchParams.get('next')).toBe(`${connect.pathname}${connect.search}`);

    // The user key lives in this tab's memory only: after a reload the card is locked.
    await page.reload();
    await page.getByRole('heading', { name: 'Карта заблокирована' }).waitFor();
    await field(page, 'Пароль').fill(PASSWORD);
    await page.getByRole('button', { name: 'Открыть' }).click();
    await page.getByRole('heading', { name: 'Сначала выпустите карту пайщика' }).waitFor();
    browser.expectNoProblems();
  });

  it('refuses a callback the cooperative did not register, without a link to it', async () => {
    const { page } = browser;
    await page.goto(connectUrl({ redirect_uri: 'https://evil.example/steal' }));
    await page.getByRole('heading', { name: 'Запрос не принят' }).waitFor();
    const alert = page.getByRole('alert');
    expect(await alert.textContent()).toContain('не регистрировал адрес возврата');
    expect(await page.getByText('https://evil.example/steal').isVisible()).toBe(true);
    expect(await page.locator('a[href*="evil.example"]').count()).toBe(0);
    expect(await page.getByLabel('Пароль').count()).toBe(0);
    await captureScreen(page, 'id-connect-refused');
  });

  it('refuses a link with missing or malformed parameters, naming them', async () => {
    const { page } = browser;
    await page.goto('/id/connect?coopname=Not_A_Name&redirect_uri=javascript:alert(1)');
    await page.getByRole('heading', { name: 'Запрос не принят' }).waitFor();
    const text = (await page.getByRole('alert').textContent()) ?? '';
    for (const param of ['coopname', 'redirect_uri', 'state', 'code_challenge', 'S256']) {
      expect(text).toContain(param);
    }
    // A popup request opened without its cooperative's window has nowhere to answer.
    await page.goto(connectUrl({ response_mode: 'web_message', redirect_uri: site.url }));
    await page.getByRole('heading', { name: 'Запрос не принят' }).waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('всплывающем окне');
  });

  it('refuses an origin the cooperative did not register, inside its own frame', async () => {
    const { page } = browser;
    await page.goto(site.url);
    const embed = `${server.url}/id/embed?${new URLSearchParams({
      coopname: site.coop.coopname,
      origin: 'https://evil.example',
      state: 'state-of-the-request-0123456789',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    })}`;
    // The cooperative's page may frame /id/embed; the origin in the request is not its own.
    await page.evaluate((src) => {
      const frame = document.createElement('iframe');
      frame.src = src;
      frame.title = 'card.coop';
      document.getElementById('widget-frame')?.append(frame);
    }, embed);
    const frame = page.frameLocator('#widget-frame iframe');
    await frame.getByRole('heading', { name: 'Запрос не принят' }).waitFor();
    expect(await frame.getByRole('alert').textContent()).toContain('не регистрировал сайт');
    expect(await frame.getByText('https://evil.example').isVisible()).toBe(true);
    expect(await frame.getByRole('link').count()).toBe(0);
  });

  it('cannot be framed by a site the cooperative did not register (frame-ancestors)', async () => {
    const { page } = browser;
    const embed = `${server.url}/id/embed?coopname=${site.coop.coopname}`;
    const foreign: Server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(`<!doctype html><title>foreign</title><iframe src="${embed}"></iframe>`);
    });
    await new Promise<void>((resolve) => foreign.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = foreign.address() as AddressInfo;
      browser.allow(/frame-ancestors/, /ERR_BLOCKED_BY_RESPONSE/);
      await page.goto(`http://127.0.0.1:${port}/`);
      await expect
        .poll(() => browser.problems.map((problem) => problem.text).join('\n'))
        .toMatch(/frame-ancestors/);
      const framed = page.frames().find((f) => f !== page.mainFrame());
      expect(framed?.url().startsWith(server.url)).not.toBe(true);
      expect(await page.frameLocator('iframe').getByRole('heading').count()).toBe(0);
    } finally {
      await new Promise((resolve) => foreign.close(resolve));
    }
  });
});
