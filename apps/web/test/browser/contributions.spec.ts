// The test plays the cooperative in Node (its keys never reach the page), as its server would.
// eslint-disable-next-line no-restricted-imports
import {
  confirmPayment,
  pushBalances,
  requestPayment,
  setPaymentDetails,
} from '@cardcoop/sdk/coop';
// eslint-disable-next-line no-restricted-imports
import type { CoopCredentials } from '@cardcoop/sdk/coop';
import type { MemberClient } from '@cardcoop/sdk';
import jsQR from 'jsqr';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anna } from '../../../../packages/sdk/src/testing/card-fixtures.js';
import { startAppServer } from '../support/app-server.js';
import type { AppServer } from '../support/app-server.js';
import { setupBrowser, ZOD_EVAL_PROBE } from '../support/browser.js';
import {
  BANK_DETAILS as DETAILS,
  confirmMembership,
  registerCooperative,
} from '../support/cooperatives.js';
import { signInToMember } from '../support/member-sign-in.js';
import { captureScreen } from '../support/screens.js';

const PASSWORD = 'contributions in the browser';
const PURPOSE = 'Членский взнос за 2099 год';

let counter = 0;
const newEmail = () => `contrib${Date.now()}-${++counter}@coop.example`;
const section = (page: Page, name: string) => page.getByRole('region', { name, exact: true });
const menu = (page: Page) => page.getByRole('banner').getByRole('navigation');
const eventually = <T>(value: () => T | Promise<T>) => expect.poll(value, { timeout: 15_000 });

/** The QR code as the screen shows it: a screenshot, its pixels, read by jsQR. */
async function readQr(page: Page): Promise<string | undefined> {
  const png = await page
    .getByRole('img', { name: 'QR-код платежа по ГОСТ Р 56042-2014' })
    .screenshot();
  const { width, height, pixels } = await page.evaluate(async (base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2d context');
    context.drawImage(bitmap, 0, 0);
    const image = context.getImageData(0, 0, bitmap.width, bitmap.height);
    return { width: image.width, height: image.height, pixels: Array.from(image.data) };
  }, png.toString('base64'));
  return jsQR(Uint8ClampedArray.from(pixels), width, height)?.data;
}

// Contributions and balances in the member's web app (issue 13): a cooperative asks for a
// payment over its API, the member sees the bank details and the ГОСТ Р 56042-2014 QR code,
// prints the receipt; the cooperative confirms and the member sees it paid. Balances show only
// where the membership is confirmed.
describe('contributions and balances: /member/contributions', () => {
  let server: AppServer;
  let voskhod: CoopCredentials;
  let zarya: CoopCredentials;

  beforeAll(async () => {
    server = await startAppServer();
    voskhod = await registerCooperative(server, 'voskhod', 'ПК ВОСХОД');
    zarya = await registerCooperative(server, 'zarya', 'ПК ЗАРЯ');
    await setPaymentDetails(voskhod, DETAILS);
  });
  afterAll(async () => {
    await server?.close();
  });
  const browser = setupBrowser({ baseURL: () => server.url, allow: [ZOD_EVAL_PROBE] });

  const signIn = (page: Page, email: string) => signInToMember(page, email, PASSWORD);

  async function unlock(page: Page): Promise<void> {
    await page.getByLabel(/^Пароль/).fill(PASSWORD);
    await page.getByRole('button', { name: 'Открыть карту' }).click();
  }

  async function memberWithAccounts(): Promise<{
    email: string;
    member: MemberClient;
    confirmed: string;
    applied: string;
  }> {
    const email = newEmail();
    const member = await server.registerMember(email, PASSWORD);
    await member.card.issue(anna);
    const confirmed = (await member.card.createAccount('voskhod')).username;
    const applied = (await member.card.createAccount('zarya')).username;
    await confirmMembership(voskhod, confirmed);
    return { email, member, confirmed, applied };
  }

  it('the cooperative asks for a payment: the home lists it unpaid, the page shows the bank details and a QR code that decodes to exactly the ГОСТ fields; the receipt prints alone; confirmed, it shows paid', async () => {
    const { page } = browser;
    const { email, member, confirmed } = await memberWithAccounts();
    await requestPayment(voskhod, `fee-${confirmed}`, {
      username: confirmed,
      kind: 'membership_fee',
      amount: { amount: 120_050, currency: 'RUB' },
      due_date: '2099-01-31',
      purpose: PURPOSE,
    });

    await signIn(page, email);
    const unpaid = section(page, 'Неоплаченные взносы');
    const line = unpaid.getByRole('listitem').filter({ hasText: 'Членский взнос' });
    await line.waitFor();
    expect(await line.textContent()).toMatch(/ПК ВОСХОД · Оплатить до 31 января 2099 г\./u);
    expect(await line.textContent()).toMatch(/1\s200,50\s₽/u);

    await menu(page).getByRole('link', { name: 'Взносы', exact: true }).click();
    await page.waitForURL('**/member/contributions');
    const list = page.getByRole('listitem').filter({ hasText: 'Членский взнос' });
    await list.waitFor();
    expect(await list.textContent()).toContain('к оплате');
    await captureScreen(page, 'member-contributions');
    await page.getByLabel('Статус').selectOption('paid');
    await page.getByText('Взносов нет.').waitFor();
    await page.getByLabel('Статус').selectOption('requested');
    await list.waitFor();

    await list.getByRole('link', { name: 'Членский взнос' }).click();
    await page.waitForURL(/\/member\/contributions\/[0-9a-f-]{36}$/);
    const bank = section(page, 'Реквизиты для оплаты');
    await bank.waitFor();
    for (const value of Object.values(DETAILS)) expect(await bank.textContent()).toContain(value);
    await bank.getByRole('button', { name: 'Копировать: БИК' }).waitFor();

    const decoded = await readQr(page);
    expect(decoded).toBe(
      [
        'ST00012',
        'Name=ПК Восход',
        'PersonalAcc=40702810938000000001',
        'BankName=ПАО Сбербанк',
        'BIC=044525225',
        'CorrespAcc=30101810400000000225',
        'PayeeINN=7707083893',
        'KPP=773601001',
        'Sum=120050',
        `Purpose=${PURPOSE}`,
      ].join('|'),
    );
    await captureScreen(page, 'member-contribution');

    // Printed, only the receipt: the QR code, the details, the amount, the purpose.
    await page.emulateMedia({ media: 'print' });
    const receipt = page.getByTestId('contribution-receipt');
    await eventually(() => receipt.isVisible()).toBe(true);
    expect(await page.getByRole('heading', { level: 1 }).isVisible()).toBe(false);
    expect(await page.getByRole('banner').isVisible()).toBe(false);
    const printed = (await receipt.textContent()) ?? '';
    for (const text of [DETAILS.personal_acc, DETAILS.bic, confirmed, PURPOSE])
      expect(printed).toContain(text);
    expect(printed).toMatch(/1\s200,50\s₽/u);
    expect(printed).toContain('Одна тысяча двести рублей 50 копеек');
    await captureScreen(page, 'member-contribution-receipt');
    await page.emulateMedia({ media: 'screen' });

    await confirmPayment(voskhod, `fee-${confirmed}`, {
      payment_id: `pay-${confirmed}`,
      paid_at: '2099-01-20T12:00:00+03:00',
      amount: { amount: 120_050, currency: 'RUB' },
    });
    // In print the language switch is hidden: the screenshots switched by a reload, which
    // locks the card. Open it, then back to the list and in again: both read it afresh.
    await unlock(page);
    await page.getByRole('link', { name: /Все взносы/ }).click();
    await eventually(() => list.textContent()).toContain('оплачен');
    await list.getByRole('link', { name: 'Членский взнос' }).click();
    await eventually(() => page.getByRole('main').textContent()).toContain(
      'Взнос оплачен 20 января 2099 г. — спасибо!',
    );
    expect(await page.getByTestId('payment-qr').count()).toBe(0);

    // The history names what the cooperative did.
    await menu(page).getByRole('link', { name: 'Безопасность', exact: true }).click();
    await page.getByText('Кооператив ПК ВОСХОД подтвердил оплату взноса').waitFor();
    await page.getByText('Кооператив ПК ВОСХОД выставил взнос к оплате').waitFor();
    await member.logout();
    browser.expectNoProblems();
  });

  it('more than a page (100): "Показать ещё" appends the next page, then is gone', async () => {
    const { page } = browser;
    const { email, confirmed } = await memberWithAccounts();
    for (let i = 0; i < 101; i += 1) {
      await requestPayment(voskhod, `page-${confirmed}-${i}`, {
        username: confirmed,
        kind: 'membership_fee',
        amount: { amount: 10_000 + i, currency: 'RUB' },
        due_date: '2099-01-31',
        purpose: PURPOSE,
      });
    }

    await signIn(page, email);
    await menu(page).getByRole('link', { name: 'Взносы', exact: true }).click();
    await page.waitForURL('**/member/contributions');
    const items = section(page, 'Взносы').getByRole('listitem');
    const more = page.getByRole('button', { name: 'Показать ещё' });
    await more.waitFor();
    expect(await items.count()).toBe(100);
    await more.click();
    await eventually(() => items.count()).toBe(101);
    expect(await more.count()).toBe(0);
    // The oldest request comes last, after the first page's newest.
    expect(await items.last().textContent()).toMatch(/100,00\s₽/u);
  });

  it('balances pushed by both cooperatives: the home shows the confirmed membership’s funds, never the applicant’s, and a newer push live', async () => {
    const { page } = browser;
    const { email, member, confirmed, applied } = await memberWithAccounts();
    const funds = (amount: number) => ({
      as_of: '2099-01-01T00:00:00+03:00',
      funds: [
        { fund: 'share_contribution' as const, amount, currency: 'RUB' },
        { fund: 'other' as const, name: 'Фонд развития', amount: 0, currency: 'RUB' },
      ],
    });
    await pushBalances(voskhod, confirmed, funds(500_000));
    await pushBalances(zarya, applied, funds(700_000));

    await signIn(page, email);
    const balances = section(page, 'Балансы в кооперативах');
    const coop = balances.getByRole('listitem').filter({ hasText: 'ПК ВОСХОД' }).first();
    await coop.waitFor();
    const text = (await balances.textContent()) ?? '';
    expect(text).toContain('на 1 января 2099 г.');
    expect(text).toMatch(/Паевой взнос5\s000,00\s₽/u);
    expect(text).toContain('Фонд развития');
    expect(text).not.toContain('ПК ЗАРЯ');
    expect(text).not.toContain('7 000');
    // Nothing to pay: no unpaid section.
    expect(await section(page, 'Неоплаченные взносы').count()).toBe(0);
    await captureScreen(page, 'member-home-balances');

    // A newer push reaches the open home without a reload.
    await pushBalances(voskhod, confirmed, {
      ...funds(600_000),
      as_of: '2099-02-01T00:00:00+03:00',
    });
    await eventually(() => balances.textContent()).toMatch(/Паевой взнос6\s000,00\s₽/u);
    expect(await balances.textContent()).toContain('на 1 февраля 2099 г.');

    // The accounts page shows the same funds on the confirmed account, none on the applicant's.
    await menu(page).getByRole('link', { name: 'Аккаунты', exact: true }).click();
    await page.waitForURL('**/id/accounts');
    const account = (name: string) => page.getByRole('listitem').filter({ hasText: name }).first();
    await eventually(() => account('ПК ВОСХОД').textContent()).toMatch(
      /Баланс \(на 1 февраля 2099 г\.\).*Паевой взнос:\s6\s000,00\s₽.*Фонд развития:\s0,00\s₽/u,
    );
    const applicant = (await account('ПК ЗАРЯ').textContent()) ?? '';
    expect(applicant).not.toContain('Баланс');
    expect(applicant).not.toContain('7 000');
    await captureScreen(page, 'id-accounts-balances');
    await member.logout();
    browser.expectNoProblems();
  });
});
