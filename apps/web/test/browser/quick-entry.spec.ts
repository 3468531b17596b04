import type { MemberClient } from '@cardcoop/sdk';
import type { FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoopSite } from '../../../../examples/coop-site/index.js';
import { anna } from '../../../../packages/sdk/src/testing/card-fixtures.js';
import { startAppServer, startCoopSite } from '../support/app-server.js';
import type { AppServer } from '../support/app-server.js';
import { setupBrowser, ZOD_EVAL_PROBE } from '../support/browser.js';
import { updateCooperative } from '../support/cooperatives.js';
import { captureScreen } from '../support/screens.js';

const PASSWORD = 'quick entry in the browser';
type Scope = Page | FrameLocator;

const field = (scope: Scope, label: string) => scope.getByLabel(new RegExp(`^${label}( \\*)?$`));
const consentHeading = (scope: Scope) =>
  scope.getByRole('heading', { name: 'Согласие на передачу персональных данных' });
const WELCOME = 'Добро пожаловать, Анна Петрова!';

async function signIn(scope: Scope, email: string, { trust = false } = {}): Promise<void> {
  await field(scope, 'Адрес электронной почты').fill(email);
  await field(scope, 'Пароль').fill(PASSWORD);
  if (trust) await scope.getByRole('checkbox', { name: 'Доверять этому устройству' }).check();
  await scope.getByRole('button', { name: 'Войти', exact: true }).click();
}

// Quick entry (ADR 018): "Open" on an account in card.coop leads to the cooperative's entry page
// (examples/coop-site `/entry`), which asks card.coop for a ticket with prompt=none. A member
// whose live grant covers what the site asks comes back signed in with no consent screen; a
// grown request, a revoked grant or a frame get the consent screen.
describe('quick entry: "Open" on an account', () => {
  let server: AppServer;
  let site: CoopSite;
  let members = 0;

  /** A member with a card (the SDK client stays signed in for checks and revocation). */
  async function newMember(): Promise<{ email: string; member: MemberClient }> {
    const email = `quick.${++members}@coop.example`;
    const member = await server.registerMember(email, PASSWORD);
    await member.card.issue(anna);
    return { email, member };
  }

  /** Joins the site through the consent screen, on a trusted device: reloads stay unlocked. */
  async function join(page: Page, email: string): Promise<void> {
    await page.goto(site.url);
    await page.getByRole('link', { name: 'Вступить в кооператив через card.coop' }).click();
    await page.waitForURL(`${server.url}/id/connect?**`);
    await signIn(page, email, { trust: true });
    await consentHeading(page).waitFor();
    await page.getByRole('button', { name: 'Передать отмеченное' }).click();
    await page.waitForURL(`${site.url}/callback?**`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(WELCOME);
  }

  const openLink = (page: Page) =>
    page.getByRole('link', { name: `Открыть сайт «${site.coop.displayName}»` });

  /** "Open" on the accounts page, and where it leads: card.coop's connect page with prompt=none. */
  async function open(page: Page): Promise<string[]> {
    const visited: string[] = [];
    page.on('request', (request) => {
      if (request.isNavigationRequest()) visited.push(request.url());
    });
    await page.goto('/id/accounts');
    await openLink(page).click();
    await page.waitForURL(`${server.url}/id/connect?**`);
    return visited;
  }

  beforeAll(async () => {
    server = await startAppServer();
    site = await startCoopSite(server);
  });
  afterAll(async () => {
    await site?.close();
    await server?.close();
  });
  const browser = setupBrowser({ baseURL: () => server.url, allow: [ZOD_EVAL_PROBE] });

  it('lands on the site signed in with fresh data and no consent screen; the accounts page shows Open (ru/en, axe-clean)', async () => {
    const { page } = browser;
    const { email, member } = await newMember();
    await join(page, email);

    await page.goto('/id/accounts');
    const link = openLink(page);
    await link.waitFor();
    expect(new URL((await link.getAttribute('href')) ?? '')).toMatchObject({
      origin: site.url,
      pathname: '/entry',
      search: '?cardcoop=1',
    });
    await captureScreen(page, 'id-accounts-open');

    // A value changed since the first share: the site receives the current one.
    const card = await member.card.get();
    await member.card.update({ ...anna, phone: '+79007778899' }, card.revision);
    const visited = await open(page);
    // No click after "Open": the site's callback is reached without anyone consenting again.
    await page.waitForURL(`${site.url}/callback?**`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(WELCOME);
    expect(await page.getByText('+79007778899').isVisible()).toBe(true);
    const connect = new URL(visited.find((url) => url.includes('/id/connect?')) ?? '');
    expect(connect.searchParams.get('prompt')).toBe('none');
    expect(visited.some((url) => url.startsWith(`${site.url}/entry?cardcoop=1`))).toBe(true);
    // The member's history has both shares; the second one says it was made by quick entry.
    const shares = (await member.audit.list()).filter((event) => event.type === 'grant.shared');
    expect(shares.map((event) => event.data.prompt ?? null)).toEqual(['none', null]);
    browser.expectNoProblems();
  });

  it('asks again once the cooperative asks for a field the grant does not cover', async () => {
    const { page } = browser;
    const { email } = await newMember();
    await join(page, email);
    const fields = ['last_name', 'first_name', 'middle_name', 'birthdate', 'phone', 'email'];
    await updateCooperative(server, site.coop.coopname, {
      requested_fields: [...fields, 'full_address'],
    });
    try {
      await open(page);
      await consentHeading(page).waitFor();
      expect(await page.getByText('Советская').isVisible()).toBe(true);
    } finally {
      await updateCooperative(server, site.coop.coopname, { requested_fields: fields });
    }
    browser.expectNoProblems();
  });

  it('asks again after the member revoked the grant', async () => {
    const { page } = browser;
    const { email, member } = await newMember();
    await join(page, email);
    await member.access.revoke(site.coop.coopname);
    await open(page);
    await consentHeading(page).waitFor();
    browser.expectNoProblems();
  });

  it('never shares without asking inside a frame, even with prompt=none and a covering grant', async () => {
    const { page } = browser;
    const { email } = await newMember();
    await join(page, email);
    await page.goto(site.url);
    const query = new URLSearchParams({
      coopname: site.coop.coopname,
      origin: site.url,
      state: 'state-of-the-framed-request-0123',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
      prompt: 'none',
    });
    await page.evaluate((src) => {
      const frame = document.createElement('iframe');
      frame.id = 'quick-entry-frame';
      frame.title = 'card.coop';
      frame.src = src;
      document.body.append(frame);
    }, `${server.url}/id/embed?${query}`);
    const frame = page.frameLocator('#quick-entry-frame');
    await frame.getByRole('heading', { name: 'Войдите в card.coop' }).waitFor();
    await signIn(frame, email);
    await consentHeading(frame).waitFor();
    browser.expectNoProblems();
  });

  it('refuses a connect link with any prompt but none, naming it', async () => {
    const { page } = browser;
    const query = new URLSearchParams({
      coopname: site.coop.coopname,
      redirect_uri: `${site.url}/callback`,
      state: 'state-of-the-request-0123456789',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
      prompt: 'login',
    });
    await page.goto(`/id/connect?${query}`);
    await page.getByRole('heading', { name: 'Запрос не принят' }).waitFor();
    expect(await page.getByText('prompt (допустимо только none)').isVisible()).toBe(true);
    browser.expectNoProblems();
  });
});
