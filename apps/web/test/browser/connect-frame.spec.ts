import path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoopSite } from '../../../../examples/coop-site/index.js';
import { anna } from '../../../../packages/sdk/src/testing/card-fixtures.js';
import { startAppServer, startCoopSite } from '../support/app-server.js';
import type { AppServer } from '../support/app-server.js';
import { FRAME_HEIGHT } from '../../widget/message.js';
import { setupBrowser } from '../support/browser.js';
import {
  ARTIFACTS,
  captureScreen,
  expectAccessible,
  LANGUAGES,
  WIDTHS,
} from '../support/screens.js';

const PASSWORD = 'the frame of the flow';
const JOIN = 'Вступить в кооператив через card.coop';
const IFRAME = '#widget-frame iframe';

/** A label, with or without Mantine's required mark. */
const field = (scope: Page | Frame, label: string) =>
  scope.getByLabel(new RegExp(`^${label}( \\*)?$`));

/**
 * Links and tabs of the app's navigation: the areas, and the id area's sections. A link that
 * opens in a new tab (the consent's pointer to where it is revoked) leaves the flow in place.
 */
async function appNavigation(page: Page) {
  const links = page.locator(
    [
      '/',
      '/id',
      '/member',
      '/business',
      '/help',
      '/id/card',
      '/id/accounts',
      '/id/access',
      '/id/security',
    ]
      .map((href) => `a[href="${href}"]:not([target="_blank"])`)
      .join(', '),
  );
  const tabs = page.getByRole('tab', { name: /^(Карта|Аккаунты|Доступы|Безопасность)$/ });
  return {
    links: await links.count(),
    tabs: await tabs.count(),
    navigation: await page.getByRole('navigation').count(),
    menu: await page.getByRole('button', { name: 'Открыть меню' }).count(),
  };
}

const NO_NAVIGATION = { links: 0, tabs: 0, navigation: 0, menu: 0 };

/** The iframe's height on the page, and its document's height and scroll height inside. */
async function frameSizes(page: Page) {
  const element = page.locator(IFRAME);
  const frame = await (await element.elementHandle())?.contentFrame();
  if (!frame) throw new Error('the card.coop frame is missing');
  const outer = await element.evaluate((iframe) => iframe.clientHeight);
  const inner = await frame.evaluate(() => ({
    content: Math.ceil(document.documentElement.getBoundingClientRect().height),
    scroll: document.documentElement.scrollHeight,
    view: window.innerHeight,
    overflowX: document.documentElement.scrollWidth - window.innerWidth,
  }));
  return { outer, ...inner };
}

/** Waits until the iframe is as tall as its content, with nothing to scroll inside; its height. */
async function fitted(page: Page): Promise<number> {
  await expect
    .poll(async () => {
      const { outer, content, scroll, view, overflowX } = await frameSizes(page);
      return { fits: outer === content && scroll <= view, overflowX };
    })
    .toEqual({ fits: true, overflowX: 0 });
  return (await frameSizes(page)).outer;
}

async function embedFrame(page: Page): Promise<Frame> {
  const frame = await (await page.locator(IFRAME).elementHandle())?.contentFrame();
  if (!frame) throw new Error('the card.coop frame is missing');
  return frame;
}

// The frame of the connect flow: /id/connect (redirect and popup) shows the flow under a header
// without the app's navigation; /id/embed tells the widget its height, and the widget sizes
// the iframe to it, hearing only its own frame at card.coop's origin.
describe('the connect flow: its page without navigation, its iframe sized to fit', () => {
  let server: AppServer;
  let site: CoopSite;
  let members = 0;

  beforeAll(async () => {
    server = await startAppServer();
    site = await startCoopSite(server);
  });
  afterAll(async () => {
    await site?.close();
    await server?.close();
  });
  const browser = setupBrowser({ baseURL: () => server.url });

  async function newMember(): Promise<string> {
    const email = `frame.${++members}@coop.example`;
    const member = await server.registerMember(email, PASSWORD);
    await member.card.issue(anna);
    await member.logout();
    return email;
  }

  it('redirect: the connect page has no app navigation, signed out or in; the app pages do', async () => {
    const { page } = browser;
    await page.goto('/id/login');
    await page.getByRole('heading', { level: 1 }).waitFor();
    const app = await appNavigation(page);
    expect(app.links).toBeGreaterThan(0);
    expect(app.navigation).toBeGreaterThan(0);

    const email = await newMember();
    await page.goto(site.url);
    await page.getByRole('link', { name: JOIN }).click();
    await page.waitForURL(`${server.url}/id/connect?**`);
    await page.getByRole('heading', { name: 'Войдите в card.coop' }).waitFor();
    expect(await appNavigation(page)).toEqual(NO_NAVIGATION);
    // The header keeps the name, the language and the colour scheme.
    expect(await page.getByText('CARD.COOP', { exact: true }).isVisible()).toBe(true);
    expect(await page.getByRole('radiogroup', { name: 'Язык интерфейса' }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Включить тёмную тему' }).isVisible()).toBe(true);
    await captureScreen(page, 'id-connect-flow');
    await page.setViewportSize({ width: 360, height: 800 });
    expect(await appNavigation(page)).toEqual(NO_NAVIGATION);

    // "Forgot password?" keeps the request: recovery comes back to it.
    const forgot = await page.getByRole('link', { name: 'Забыли пароль?' }).getAttribute('href');
    const back = new URL(forgot!, server.url).searchParams.get('next')!;
    expect(back).toBe(new URL(page.url()).pathname + new URL(page.url()).search);

    await field(page, 'Адрес электронной почты').fill(email);
    await field(page, 'Пароль').fill(PASSWORD);
    await page.getByRole('button', { name: 'Войти', exact: true }).click();
    await page.getByRole('button', { name: 'Передать отмеченное' }).waitFor();
    // Signed in, the id area's sections are not offered here either.
    expect(await appNavigation(page)).toEqual(NO_NAVIGATION);
    // Who shares is named: above the flow on a narrow screen, in the header on a wide one.
    expect(await page.getByRole('main').getByText(email).isVisible()).toBe(true);
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(await page.getByRole('banner').getByText(email).isVisible()).toBe(true);
    expect(await page.getByRole('main').getByText(email).isVisible()).toBe(false);
    browser.expectNoProblems();
  });

  it('popup: the connect page in the popup has no app navigation', async () => {
    const { page, context } = browser;
    await page.goto(site.url);
    const [popup] = await Promise.all([
      context.waitForEvent('page'),
      page.getByRole('button', { name: 'Вступить через всплывающее окно' }).click(),
    ]);
    await popup.waitForURL(`${server.url}/id/connect?**`);
    await popup.getByRole('heading', { name: 'Войдите в card.coop' }).waitFor();
    expect(await appNavigation(popup)).toEqual(NO_NAVIGATION);
    expect(await popup.getByRole('radiogroup', { name: 'Язык интерфейса' }).count()).toBe(1);
    browser.expectNoProblems();
  });

  it('iframe: the frame grows and shrinks with its content, step by step, never scrolling inside', async () => {
    const { page } = browser;
    const email = `frame.kit.${++members}@coop.example`;
    // The site's page hears every message: only the height, in one shape, comes from the frame.
    await page.addInitScript(() => {
      const heard: unknown[] = [];
      Object.assign(window, { heard });
      window.addEventListener('message', (event) => heard.push([event.origin, event.data]));
    });
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 800 });
      await page.goto(site.url);
      await page.getByRole('button', { name: 'Вступить во встроенном окне' }).click();
      const frame = await embedFrame(page);
      await frame.getByRole('button', { name: 'Войти', exact: true }).waitFor();
      const login = await fitted(page);
      expect(login).not.toBe(640); // the widget's height until the frame reports its own

      await frame.getByRole('tab', { name: 'Я здесь впервые' }).click();
      await field(frame, 'Адрес электронной почты').waitFor();
      const register = await fitted(page);
      expect(register).not.toBe(login);

      await frame.getByRole('tab', { name: 'У меня есть карта' }).click();
      await frame.getByRole('button', { name: 'Войти', exact: true }).waitFor();
      expect(await fitted(page)).toBe(login);
    }

    const frame = await embedFrame(page);
    await frame.getByRole('tab', { name: 'Я здесь впервые' }).click();
    await field(frame, 'Адрес электронной почты').fill(email);
    // The frame grows to the new tab's height; a click while it moves lands beside the box.
    await fitted(page);
    await frame.getByRole('checkbox', { name: /принимаю/ }).check();
    await frame.getByRole('button', { name: 'Получить код' }).click();
    await field(frame, 'Код из письма').fill(await server.latestCode(email));
    await field(frame, 'Новый пароль').fill(PASSWORD);
    await field(frame, 'Повторите пароль').fill(PASSWORD);
    await frame.getByRole('button', { name: 'Создать карту' }).click();
    await frame.getByRole('heading', { name: 'Ваш ключ восстановления' }).waitFor();
    const kit = await fitted(page);
    expect(kit).toBeGreaterThan(FRAME_HEIGHT.min);

    const heard = (await page.evaluate(() => Reflect.get(window, 'heard'))) as [string, unknown][];
    expect(heard.length).toBeGreaterThan(0);
    for (const [origin, data] of heard) {
      expect(origin).toBe(server.url);
      expect(data).toEqual({ type: 'cardcoop:resize', height: expect.any(Number) });
    }
    browser.expectNoProblems();
  });

  it('iframe: the consent screen, the longest step, fits the frame at both widths', async () => {
    const { page } = browser;
    for (const width of WIDTHS) {
      const email = await newMember();
      await page.setViewportSize({ width, height: 800 });
      await page.goto(site.url);
      await page.getByRole('button', { name: 'Вступить во встроенном окне' }).click();
      const frame = await embedFrame(page);
      await field(frame, 'Адрес электронной почты').fill(email);
      await field(frame, 'Пароль').fill(PASSWORD);
      await frame.getByRole('button', { name: 'Войти', exact: true }).click();
      await frame.getByRole('button', { name: 'Передать отмеченное' }).waitFor();
      expect(await fitted(page)).toBeGreaterThan(800);
    }
    browser.expectNoProblems();
  });

  it('iframe: the widget takes heights from its own frame only, within bounds', async () => {
    const { page } = browser;
    await page.goto(site.url);
    await page.getByRole('button', { name: 'Вступить во встроенном окне' }).click();
    const frame = await embedFrame(page);
    await frame.getByRole('button', { name: 'Войти', exact: true }).waitFor();
    const height = await fitted(page);
    const outer = () => page.locator(IFRAME).evaluate((iframe) => iframe.clientHeight);
    const post = (from: Page | Frame, data: unknown) =>
      from.evaluate((message) => window.parent.postMessage(message, '*'), data);

    // Messages cross between processes: what was not taken by now is not taken.
    const settled = () => page.waitForTimeout(300);

    // Card.coop's own frame, with a height out of bounds: clamped.
    await post(frame, { type: 'cardcoop:resize', height: 99_999 });
    await expect.poll(outer).toBe(FRAME_HEIGHT.max);
    await post(frame, { type: 'cardcoop:resize', height: 10 });
    await expect.poll(outer).toBe(FRAME_HEIGHT.min);
    // Not a height: ignored.
    for (const bad of ['900', null, Number.NaN, { px: 900 }]) {
      await post(frame, { type: 'cardcoop:resize', height: bad });
    }
    await settled();
    expect(await outer()).toBe(FRAME_HEIGHT.min);
    await post(frame, { type: 'cardcoop:resize', height });
    await expect.poll(outer).toBe(height);

    // The site's own page (another origin) and another card.coop frame on it: not heard.
    await page.evaluate(() => window.postMessage({ type: 'cardcoop:resize', height: 1500 }, '*'));
    await page.evaluate((src) => {
      const other = document.createElement('iframe');
      other.src = src;
      other.title = 'another card.coop frame';
      other.id = 'other-frame';
      document.body.append(other);
    }, `${server.url}/id/embed?coopname=${site.coop.coopname}`);
    const other = await (await page.locator('#other-frame').elementHandle())?.contentFrame();
    if (!other) throw new Error('the other frame is missing');
    await other.getByRole('heading', { name: 'Запрос не принят' }).waitFor();
    await post(other, { type: 'cardcoop:resize', height: 1500 });
    await settled();
    expect(await outer()).toBe(height);
    browser.expectNoProblems();
  });

  it('iframe: a frame whose origin was not confirmed tells the page nothing, not even its height', async () => {
    const { page } = browser;
    await page.goto(site.url);
    await page.evaluate(() => {
      const heard: unknown[] = [];
      Object.assign(window, { heard });
      window.addEventListener('message', (event) => heard.push(event.data));
    });
    const embed = `${server.url}/id/embed?${new URLSearchParams({
      coopname: site.coop.coopname,
      origin: 'https://evil.example',
      state: 'state-of-the-request-0123456789',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    })}`;
    await page.evaluate((src) => {
      const frame = document.createElement('iframe');
      frame.src = src;
      frame.title = 'card.coop';
      document.getElementById('widget-frame')?.append(frame);
    }, embed);
    const frame = page.frameLocator(IFRAME);
    await frame.getByRole('heading', { name: 'Запрос не принят' }).waitFor();
    // A frame posting anywhere (`*`) would have been heard by now.
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => Reflect.get(window, 'heard'))).toEqual([]);
  });

  it('shows the site with the embedded window in both languages at both widths, accessible', async () => {
    const { page } = browser;
    for (const language of LANGUAGES) {
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 800 });
        await page.goto(`${site.url}/?lang=${language}`);
        await page.locator('#widget-join button[data-mode="iframe"]').click();
        const frame = await embedFrame(page);
        await frame.locator('form').waitFor();
        await fitted(page);
        await page.locator(IFRAME).scrollIntoViewIfNeeded();
        await page.screenshot({
          path: path.join(ARTIFACTS, 'screenshots', `coop-site-embed-${language}-${width}.png`),
          fullPage: true,
          animations: 'disabled',
          caret: 'hide',
        });
        await expectAccessible(page, `coop-site-embed-${language}-${width}`);
      }
    }
  });
});
