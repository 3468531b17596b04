// The test plays the operator and the cooperative in Node, as their servers would.
// eslint-disable-next-line no-restricted-imports
import type { CoopCredentials } from '@cardcoop/sdk/coop';
import { sandboxClient } from '@cardcoop/aifory-sandbox';
import { createBusinessClient } from '@cardcoop/sdk/business';
import type { SandboxCard } from '@cardcoop/aifory-sandbox';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anna } from '../../../../packages/sdk/src/testing/card-fixtures.js';
import { AIFORY_SANDBOX_DEFAULTS } from '../../../server/src/config/config.schema.js';
import { base32Decode, codeAt, stepAt } from '../../../server/src/modules/totp/totp.js';
import { startAppServer } from '../support/app-server.js';
import type { AppServer } from '../support/app-server.js';
import { setupBrowser, ZOD_EVAL_PROBE } from '../support/browser.js';
import { confirmMembership, updateCooperative } from '../support/cooperatives.js';
import { signInToMember } from '../support/member-sign-in.js';
import { captureScreen, expectAccessible } from '../support/screens.js';

const PASSWORD = 'virtual cards in the browser';
const COOPNAME = 'vcardcoop';
const HOLDER = 'ANNA IVANOVA';
/** The cooperative's funds the operator put in: 10 000.00 USD. */
const FUNDS = 1_000_000;

const eventually = <T>(value: () => T | Promise<T>) => expect.poll(value, { timeout: 20_000 });
const section = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

/**
 * Aifory virtual cards in the member's web app (issue 15) against the embedded sandbox the
 * built server starts without AIFORY_BASE_URL: an extended cooperative with issuing on and
 * funds, a confirmed member with 2FA; the member issues a card, reveals it after the TOTP
 * step-up (hidden again after 60 s), tops it up, sees a purchase arrive by the provider's
 * webhook, freezes the card and sees the next purchase declined.
 *
 * The cooperative is set up over the APIs its owner and the operator use (connect, extended
 * level, conditions, funding), so the spec runs on PGlite as on PostgreSQL.
 */
describe('virtual cards: /member/virtual-cards', () => {
  let server: AppServer;
  let coop: CoopCredentials;
  let sandbox: ReturnType<typeof sandboxClient>;

  beforeAll(async () => {
    server = await startAppServer();
    const sandboxUrl = /embedded sandbox (http:\/\/127\.0\.0\.1:\d+)/.exec(server.output())?.[1];
    if (!sandboxUrl) throw new Error('the server started no embedded sandbox');
    sandbox = sandboxClient(
      sandboxUrl,
      AIFORY_SANDBOX_DEFAULTS.apiKey,
      AIFORY_SANDBOX_DEFAULTS.apiSecret,
    );
    // The cooperative's owner connects it; the operator approves the extended level, the owner
    // turns issuing on and the operator funds it — each over its own API.
    const owner = createBusinessClient(
      await server.registerMember(`vcowner${Date.now()}@coop.example`, PASSWORD),
    );
    const connected = await owner.claims.connect({ coopname: COOPNAME, display_name: 'ПК Карты' });
    coop = { baseUrl: server.url, coopname: COOPNAME, clientSecret: connected.client_secret };
    await updateCooperative(server, COOPNAME, { level: 'extended' });
    await owner.virtualCards.setConditions(COOPNAME, {
      issuing: true,
      max_cards_per_member: 3,
      monthly_top_up_cap: null,
      low_funds_threshold: null,
      default_limits: { per_transaction: null, daily: null, monthly: null },
      expected_revision: 0,
    });
    const funded = await fetch(`${server.url}/api/v1/admin/virtual-cards/fund`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${server.adminApiKey}`,
        'content-type': 'application/json',
        'idempotency-key': `fund-${COOPNAME}-${Date.now()}`,
      },
      body: JSON.stringify({
        coopname: COOPNAME,
        amount: { amount: FUNDS, currency: 'USD' },
        reference: 'browser spec',
      }),
    });
    if (!funded.ok) throw new Error(`fund: ${funded.status} ${await funded.text()}`);
  });
  afterAll(async () => {
    await server?.close();
  });
  const browser = setupBrowser({
    baseURL: () => server.url,
    allow: [ZOD_EVAL_PROBE],
    context: { permissions: ['clipboard-read', 'clipboard-write'] },
  });

  /** The sandbox's own record of the card (with its number), by the holder's name. */
  async function sandboxCard(holder = HOLDER): Promise<SandboxCard> {
    const { body } = await sandbox('_sandbox/state', undefined, { method: 'GET' });
    const cards = (body as { result: { cards: SandboxCard[] } }).result.cards;
    const card = cards.find((one) => one.holder_name === holder);
    if (!card) throw new Error('the sandbox has no such card');
    return card;
  }

  async function purchase(cardId: string, amount: number, merchant: string) {
    const { status, body } = await sandbox('_sandbox/purchase', {
      card_id: cardId,
      amount: { amount, currency: 'USD' },
      merchant,
    });
    expect(status, JSON.stringify(body)).toBe(200);
  }

  it('issues a card, reveals it after the TOTP step-up and hides it after 60 s, tops it up, shows a purchase from the webhook, freezes it and a purchase is declined', async () => {
    const { page } = browser;
    const email = `vcard${Date.now()}@coop.example`;
    const member = await server.registerMember(email, PASSWORD);
    await member.card.issue(anna);
    const { username } = await member.card.createAccount(COOPNAME);
    await confirmMembership(coop, username);

    // The page's clock is Playwright's: the 60 s of the reveal pass at once below.
    await page.clock.install();
    // Signed in with the password; 2FA turned on afterwards through the SDK (the security
    // screens have tests of their own), so this session has no recent second factor.
    await signInToMember(page, email, PASSWORD);
    const setup = await member.totp.setup({ password: PASSWORD });
    const secret = base32Decode(setup.secret);
    const now = () => stepAt(Date.now() / 1000);
    await member.totp.confirm(setup.setup_id, codeAt(secret, now()));

    // The menu leads to the section; no card yet, the cooperative allows one, fees shown.
    await page
      .getByRole('banner')
      .getByRole('navigation')
      .getByRole('link', { name: 'Виртуальные карты', exact: true })
      .click();
    await page.waitForURL('**/member/virtual-cards');
    await page.getByText('Карт пока нет.').waitFor();
    const eligibility = section(page, 'Где можно выпустить карту');
    await eligibility.getByText('Можно выпустить карту', { exact: true }).waitFor();
    expect(await eligibility.textContent()).toMatch(/Выпуск: .*Комиссия за пополнение: /u);
    await captureScreen(page, 'member-virtual-cards-empty');

    // A name in Cyrillic is refused under the field; the Latin one issues the card.
    const holder = page.getByLabel('Имя на карте');
    await holder.fill('Анна Иванова');
    await page.getByRole('button', { name: 'Выпустить', exact: true }).click();
    await page.getByText('Только латинские заглавные буквы').waitFor();
    expect(await holder.getAttribute('aria-invalid')).toBe('true');
    await holder.fill('anna ivanova');
    expect(await holder.inputValue()).toBe(HOLDER);
    await page.getByRole('button', { name: 'Выпустить', exact: true }).click();
    await page.getByText(/Карта •••• \d{4} выпущена\./u).waitFor({ timeout: 30_000 });
    const issued = await sandboxCard();
    const last4 = issued.pan.slice(-4);
    await page.getByText(`Карта •••• ${last4} выпущена.`).waitFor();
    const line = page.getByRole('listitem').filter({ hasText: `•••• ${last4}` });
    await line.waitFor();
    expect(await line.textContent()).toContain('активна');
    await captureScreen(page, 'member-virtual-cards');

    // The card page: reveal asks for the app's code, then shows the details with copy buttons.
    await line.getByRole('link', { name: `Карта •••• ${last4}`, exact: true }).click();
    await page.waitForURL(/\/member\/virtual-cards\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: `Карта •••• ${last4}`, level: 1 }).waitFor();
    await captureScreen(page, 'member-virtual-card');
    await page.getByRole('button', { name: 'Показать реквизиты' }).click();
    const stepUp = page.getByRole('dialog', { name: 'Подтвердите, что это вы' });
    await stepUp.waitFor();
    await expectAccessible(page, 'member-virtual-card-step-up');
    // The next step's code: the one that turned 2FA on is spent (replay guard).
    await stepUp.getByLabel('Код подтверждения').fill(codeAt(secret, now() + 1));
    await stepUp.getByRole('button', { name: 'Подтвердить', exact: true }).click();
    const reveal = section(page, 'Реквизиты');
    const grouped = issued.pan.replace(/(\d{4})(?=\d)/g, '$1 ');
    await reveal.getByText(grouped).waitFor();
    const shown = await reveal.textContent();
    expect(shown).toContain(issued.expiry);
    expect(shown).toContain(issued.cvv);
    expect(shown).toContain(HOLDER);
    await reveal.getByText('Скроются через 60 секунд').waitFor();
    await expectAccessible(page, 'member-virtual-card-revealed');
    await reveal.getByRole('button', { name: 'Копировать: Номер карты' }).click();
    await eventually(() => page.evaluate(() => navigator.clipboard.readText())).toBe(issued.pan);
    // Nothing of it in the page's storage.
    const stored = await page.evaluate(() =>
      JSON.stringify({ ...localStorage, ...sessionStorage }),
    );
    expect(stored).not.toContain(issued.pan);

    await page.clock.fastForward(30_000);
    await reveal.getByText(/Скроются через (30|29) секунд/u).waitFor();
    await page.clock.fastForward(31_000);
    await reveal.getByText('Реквизиты скрыты.').waitFor();
    expect(await reveal.textContent()).not.toContain(grouped);

    // Top-up: 50 USD typed in major units; the answer says the fee.
    const topUp = section(page, 'Пополнить');
    await topUp.getByLabel('Сумма, USD').fill('0,001');
    await topUp.getByRole('button', { name: 'Пополнить' }).click();
    await topUp.getByText('Положительная сумма, не больше двух знаков после запятой').waitFor();
    await topUp.getByLabel('Сумма, USD').fill('50');
    await topUp.getByRole('button', { name: 'Пополнить' }).click();
    await topUp.getByText(/Карта пополнена на .*50,00.*комиссия/u).waitFor({ timeout: 30_000 });
    await eventually(async () => (await sandboxCard()).balance.amount).toBe(5_000);
    await eventually(() => page.getByTestId('virtual-card-balance').textContent()).toMatch(
      /50,00/u,
    );

    // A purchase at the provider reaches the list through its signed webhook.
    await purchase(issued.card_id, 1_250, 'Coffee Shop');
    const transactions = section(page, 'Операции');
    /**
     * Back to the list and into the card again (both read afresh): how many lines match once
     * the transactions (with the top-up) show.
     */
    const countAfterRevisit = async (lines: Locator) => {
      await page.getByRole('link', { name: /Все виртуальные карты/ }).click();
      await page.getByRole('link', { name: `Карта •••• ${last4}`, exact: true }).click();
      await transactions.getByRole('listitem').filter({ hasText: 'Пополнение' }).waitFor();
      return lines.count();
    };
    const approved = transactions.getByRole('listitem').filter({ hasText: 'Coffee Shop' });
    await eventually(() => countAfterRevisit(approved)).toBe(1);
    expect(await approved.textContent()).toMatch(/Покупка · Coffee Shop.*проведена.*12,50/u);
    await captureScreen(page, 'member-virtual-card-transactions');

    // Freeze, confirmed in a dialog; a purchase is then declined, and shows so.
    await page.getByRole('button', { name: 'Заморозить', exact: true }).click();
    const confirm = page.getByRole('dialog', { name: 'Заморозить' });
    await confirm.getByText(`Заморозить карту •••• ${last4}?`, { exact: false }).waitFor();
    await confirm.getByRole('button', { name: 'Подтвердить' }).click();
    await page.getByText('Карта заморожена.').waitFor();
    await page.getByText('заморожена', { exact: true }).first().waitFor();
    await eventually(async () => (await sandboxCard()).status).toBe('frozen');
    await purchase(issued.card_id, 700, 'Book Store');
    const declined = transactions.getByRole('listitem').filter({ hasText: 'Book Store' });
    await eventually(() => countAfterRevisit(declined)).toBe(1);
    expect(await declined.textContent()).toMatch(/отклонена/u);
    expect(await declined.getAttribute('data-status')).toBe('declined');
    // The status filter shows the declined one alone.
    await transactions.getByLabel('Статус').selectOption('declined');
    await eventually(() => approved.count()).toBe(0);
    expect(await declined.count()).toBe(1);
    await captureScreen(page, 'member-virtual-card-frozen');

    // The notification centre words each card notice and links it to the card page.
    await page
      .getByRole('banner')
      .getByRole('link', { name: /^Уведомления/ })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Уведомления' }).waitFor();
    const centre = page.getByRole('main');
    const notices = [
      `Виртуальная карта •••• ${last4} в «ПК Карты» выпущена.`,
      `Реквизиты карты •••• ${last4} были показаны.`,
      `Карта •••• ${last4} пополнена на 50,00 $.`,
      `Покупка 12,50 $ по карте •••• ${last4} — Coffee Shop.`,
      `Карта •••• ${last4} заморожена: покупки отклоняются.`,
      `Покупка 7,00 $ по карте •••• ${last4} — Book Store отклонена: карта заморожена.`,
    ];
    for (const text of notices) {
      const link = centre.getByRole('link', { name: text.replace(/\s/gu, ' '), exact: false });
      await eventually(() => link.count()).toBeGreaterThan(0);
      expect(await link.first().getAttribute('href')).toMatch(
        /^\/member\/virtual-cards\/[0-9a-f-]{36}$/,
      );
    }
    // The settings list the card notices; the reveal is a security notice, always on.
    await page.getByRole('link', { name: 'Настройки уведомлений' }).click();
    await page.getByRole('heading', { level: 1, name: 'Настройки уведомлений' }).waitFor();
    const revealed = page.getByRole('switch', { name: 'Показаны реквизиты карты: Эл. почта' });
    expect(await revealed.isChecked()).toBe(true);
    expect(await revealed.isDisabled()).toBe(true);
    const transaction = page.getByRole('switch', { name: 'Операция по карте: Push' });
    expect(await transaction.isDisabled()).toBe(false);
    browser.expectNoProblems();
  });

  it('the open card page follows the provider live (a purchase, a freeze from another device); limits save, a stale revision reloads (409); without 2FA the reveal explains', async () => {
    const { page } = browser;
    const email = `vcardlive${Date.now()}@coop.example`;
    const member = await server.registerMember(email, PASSWORD);
    await member.card.issue(anna);
    const { username } = await member.card.createAccount(COOPNAME);
    await confirmMembership(coop, username);
    // Issued and topped up over the SDK, as another device of the member would.
    const issued = await member.virtualCards.issue({
      coopname: COOPNAME,
      holder_name: 'OLGA LIVE',
    });
    expect(issued.status).toBe('confirmed');
    const card = issued.card!;
    const toppedUp = await member.virtualCards.topUp({
      cardId: card.card_id,
      amount: { amount: 2_000, currency: 'USD' },
    });
    expect(['confirmed', 'pending']).toContain(toppedUp.status);
    const atProvider = await sandboxCard('OLGA LIVE');

    await signInToMember(page, email, PASSWORD);
    await page
      .getByRole('banner')
      .getByRole('navigation')
      .getByRole('link', { name: 'Виртуальные карты', exact: true })
      .click();
    await page.getByRole('link', { name: `Карта •••• ${card.last4}`, exact: true }).click();
    const transactions = section(page, 'Операции');
    await transactions.getByRole('listitem').filter({ hasText: 'Пополнение' }).waitFor();

    await purchase(atProvider.card_id, 550, 'Live Bakery');
    const line = transactions.getByRole('listitem').filter({ hasText: 'Live Bakery' });
    await eventually(() => line.count()).toBe(1);
    expect(await line.textContent()).toMatch(/проведена.*5,50/u);
    await eventually(() => page.getByTestId('virtual-card-balance').textContent()).toMatch(
      /14,50/u,
    );

    await member.virtualCards.freeze(card.card_id);
    await page.getByRole('button', { name: 'Разморозить', exact: true }).waitFor();

    // Limits: saved in major units; a change from another device meanwhile → 409, reloaded.
    const limits = section(page, 'Лимиты');
    await limits.getByLabel('На одну покупку').fill('10');
    await limits.getByRole('button', { name: 'Сохранить лимиты' }).click();
    await limits.getByText('Лимиты сохранены.').waitFor();
    const saved = await member.virtualCards.get(card.card_id);
    expect(saved.limits.per_transaction).toBe(1_000);
    await member.virtualCards.setLimits(
      card.card_id,
      { ...saved.limits, daily: 5_000 },
      saved.revision,
    );
    await limits.getByLabel('В месяц').fill('abc');
    await limits.getByRole('button', { name: 'Сохранить лимиты' }).click();
    await limits.getByText('Положительная сумма, не больше двух знаков после запятой').waitFor();
    await limits.getByLabel('В месяц').fill('100');
    await limits.getByRole('button', { name: 'Сохранить лимиты' }).click();
    await limits.getByText(/Лимиты изменили в другом окне — загружены актуальные/u).waitFor();
    expect(await limits.getByLabel('В день').inputValue()).toBe('50.00');

    // Without 2FA the number is not shown: the step-up by password, then the explanation.
    await section(page, 'Реквизиты').getByRole('button', { name: 'Показать реквизиты' }).click();
    const stepUp = page.getByRole('dialog', { name: 'Подтвердите, что это вы' });
    await stepUp.waitFor();
    await stepUp.getByRole('button', { name: /Подтвердить паролем/ }).click();
    await stepUp.getByLabel('Пароль').fill(PASSWORD);
    await stepUp.getByRole('button', { name: 'Подтвердить', exact: true }).click();
    const reveal = section(page, 'Реквизиты');
    await reveal
      .getByText('Чтобы видеть реквизиты карты, включите двухфакторную защиту.')
      .waitFor();
    expect(
      await reveal.getByRole('link', { name: 'Настройки безопасности' }).getAttribute('href'),
    ).toBe('/id/security');
    browser.expectNoProblems();
    member.session.close();
  });
});
