import { readFileSync } from 'node:fs';
import type { MemberClient } from '@cardcoop/sdk';
import { createBusinessClient } from '@cardcoop/sdk/business';
import type { BusinessClient } from '@cardcoop/sdk/business';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoopSite } from '../../../../examples/coop-site/index.js';
import { startAppServer, startCoopSite } from '../support/app-server.js';
import type { AppServer } from '../support/app-server.js';
import { setupBrowser } from '../support/browser.js';
import { joinSite } from '../support/cooperatives.js';
import { signInTo } from '../support/member-sign-in.js';
import { captureScreen } from '../support/screens.js';

const PASSWORD = 'business insights in the browser';

let counter = 0;
const unique = () => `${Date.now().toString(36).slice(-4)}${++counter}`;
const newEmail = (who: string) => `${who}${unique()}@coop.example`;
const coopname = `ins${Date.now()
  .toString(36)
  .replace(/[^a-z]/g, '')
  .slice(-6)}a`.slice(0, 12);
const heading = (page: Page, name: string | RegExp) =>
  page.getByRole('heading', { level: 1, name });
const eventually = <T>(value: () => T | Promise<T>) => expect.poll(value, { timeout: 20_000 });

// The business panel's statistics, members and "test connection" (issue 14) on a cooperative
// its owner connected over the business SDK, whose example site the members go through.
describe('business insights: statistics, members, test connection', () => {
  const ownerEmail = newEmail('owner');
  let server: AppServer;
  let owner: MemberClient;
  let business: BusinessClient;
  let site: CoopSite | undefined;
  const contexts: BrowserContext[] = [];
  const members: MemberClient[] = [];

  beforeAll(async () => {
    server = await startAppServer();
    owner = await server.registerMember(ownerEmail, PASSWORD);
    business = createBusinessClient(owner);
    await business.claims.connect({ coopname, display_name: 'ПК Статистика' });
    const current = await business.integration.get(coopname);
    await business.integration.update(coopname, {
      expected_revision: current.revision,
      origins: ['http://127.0.0.1:9'],
      redirect_uris: ['http://127.0.0.1:9/callback'],
    });
  });
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await site?.close();
    await server?.close();
  });
  const browser = setupBrowser({ baseURL: () => server.url });

  /** A page of its own (fresh cookies): another person at another computer. */
  async function otherPage(): Promise<Page> {
    const context = await browser.browser.newContext({
      baseURL: server.url,
      viewport: { width: 1280, height: 800 },
      locale: 'ru-RU',
      timezoneId: 'Europe/Moscow',
      reducedMotion: 'reduce',
      serviceWorkers: 'block',
    });
    context.setDefaultTimeout(15_000);
    contexts.push(context);
    return context.newPage();
  }

  async function openSection(page: Page, name: string) {
    await page
      .getByRole('navigation', { name: 'Разделы кооператива' })
      .getByRole('link', { name, exact: true })
      .click();
    await heading(page, name).waitFor();
  }

  /** A new member who issues a card, opens an account and shares it with the example site. */
  async function memberShares(): Promise<MemberClient> {
    const member = await server.registerMember(newEmail('member'), PASSWORD);
    await joinSite(site!, member);
    members.push(member);
    return member;
  }

  const check = (page: Page, name: string) => page.getByTestId(`check-${name}`);

  it('test connection: the data key fails on a fresh integration (marked first, with what to do), then passes once the site published it', async () => {
    const { page } = browser;
    await signInTo(page, `/business/${coopname}`, ownerEmail, PASSWORD);
    await heading(page, 'Обзор').waitFor();
    await page.getByRole('button', { name: 'Проверить подключение' }).click();
    await eventually(() => check(page, 'data_key').getAttribute('data-status')).toBe('failed');
    const dataKey = check(page, 'data_key');
    expect(await dataKey.textContent()).toContain('Сертификат ключа данных не загружен.');
    expect(await dataKey.textContent()).toContain('Сначала исправьте это');
    expect(await dataKey.textContent()).toContain('Создайте ключ данных');
    expect(await check(page, 'redirect_uris').getAttribute('data-status')).toBe('passed');
    expect(await check(page, 'ownership_verified').textContent()).toContain(
      'работают только адреса localhost',
    );
    await page.getByRole('status').getByText('Есть ошибки').waitFor();
    await captureScreen(page, 'business-connection-test');

    // The example site provisions the key on the cooperative (its own secret, its own key).
    site = await startCoopSite(server, { coopname });
    await openSection(page, 'Помощь по подключению');
    await page.getByRole('button', { name: 'Проверить подключение' }).click();
    await eventually(() => check(page, 'data_key').getAttribute('data-status')).toBe('passed');
    expect(await check(page, 'ticket_exchanged').getAttribute('data-status')).toBe('pending');
  });

  it('statistics: counts after a member shared, downloads the CSV, and the live counter moves when another member shares', async () => {
    const { page } = browser;
    await memberShares();
    await signInTo(page, `/business/${coopname}/stats`, ownerEmail, PASSWORD);
    await heading(page, 'Статистика').waitFor();
    await eventually(() => page.getByTestId('total-consents').textContent()).toBe('1');
    expect(await page.getByTestId('total-active_grants').textContent()).toBe('1');
    expect(await page.getByTestId('funnel-consent_given').textContent()).toContain('1');
    await page
      .getByRole('region', { name: 'Согласия и отказы по дням' })
      .getByText('За период: согласий — 1, отказов — 0.')
      .waitFor();

    // A date that is none is said under its input.
    await page.getByLabel('С', { exact: true }).fill('31.02.2026');
    await page.getByRole('button', { name: 'Показать' }).click();
    await page.getByText('Введите дату в виде дд.мм.гггг.').waitFor();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Скачать CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^${coopname}-stats-.*\\.csv$`));
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toContain('Согласия');

    // The page listens on the real-time channel: another member shares while it is open.
    await page.getByText('в реальном времени').waitFor();
    await page.waitForTimeout(1500);
    await memberShares();
    await eventually(() => page.getByTestId('live-consent').textContent()).toBe('1');
    await eventually(() => page.getByTestId('total-consents').textContent()).toBe('2');
    await page.getByText(/Последнее событие в/).waitFor();
    await captureScreen(page, 'business-stats');
  });

  it('members: lists who shared with their fields, confirms a membership, and ending one asks first', async () => {
    const { page } = browser;
    const [first] = members;
    const { username } = (await first!.access.prepare(coopname)).prepared;
    expect(username).toBeTruthy();
    // A meeting published over the SDK: listed with those published by hand.
    await business.members.publishMeeting(coopname, 'gm-cancel', {
      kind: 'event',
      title: 'Субботник',
      starts_at: '2028-04-20T10:00:00+03:00',
      ends_at: '2028-04-20T12:00:00+03:00',
      time_zone: 'Europe/Moscow',
      place: 'Парк',
    });
    await signInTo(page, `/business/${coopname}/members`, ownerEmail, PASSWORD);
    await heading(page, 'Пайщики').waitFor();
    const item = page.getByTestId(`member-${username}`);
    await item.waitFor();
    expect(await item.textContent()).toContain('Фамилия');
    expect(await item.textContent()).toContain('аккаунт открыт');
    await captureScreen(page, 'business-members');

    // The site admits everyone: the membership is confirmed. Ending asks first; cancel keeps it.
    await item.getByText('член кооператива').waitFor();
    await item.getByRole('button', { name: `Прекратить членство ${username}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Прекратить членство?' });
    await dialog.getByRole('button', { name: 'Отмена' }).last().click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await item.getByText('член кооператива').count()).toBe(1);
    await item.getByRole('button', { name: `Прекратить членство ${username}` }).click();
    await dialog.getByRole('button', { name: 'Прекратить членство' }).click();
    await item.getByText('членство прекращено').waitFor();
    const ended = await business.members.list(coopname, { status: 'ended' });
    expect(ended.members.map((member) => member.username)).toEqual([username]);

    // Confirmed again from the list.
    await item.getByRole('button', { name: `Подтвердить членство ${username}` }).click();
    await item.getByText('член кооператива').waitFor();
    const confirmed = await business.members.list(coopname, { status: 'confirmed' });
    expect(confirmed.members.map((member) => member.username)).toContain(username);

    // The by-hand forms are compact: closed until asked for.
    await page.getByRole('button', { name: 'Опубликовать собрание' }).click();
    await page.getByRole('button', { name: 'Опубликовать', exact: true }).click();
    await page.getByText('Время в виде чч:мм.').first().waitFor();
    const meeting = page.getByRole('form', { name: 'Опубликовать собрание' });
    await meeting.getByLabel(/^Название/).fill('Общее собрание пайщиков');
    await meeting.getByLabel(/^Дата/).pressSequentially('20122027');
    await meeting.getByLabel(/^Начало/).pressSequentially('1800');
    await meeting.getByLabel(/^Конец/).pressSequentially('2000');
    await meeting.getByLabel(/^Место или ссылка/).fill('Москва, ул. Лесная, 1');
    await meeting.getByRole('button', { name: 'Опубликовать', exact: true }).click();
    await meeting.getByText('Собрание «Общее собрание пайщиков» опубликовано.').waitFor();

    // A payment request before the cooperative set its bank details: refused, said at the form.
    await page.getByRole('button', { name: 'Выставить взнос' }).click();
    const payment = page.getByRole('form', { name: 'Выставить взнос' });
    await payment.getByLabel(/^Имя аккаунта пайщика/).fill(username!);
    await payment.getByLabel(/^Сумма/).fill('1500');
    await payment.getByLabel(/^Оплатить до/).pressSequentially('31122027');
    await payment.getByLabel(/^Назначение платежа/).fill('Членский взнос за 2028 год');
    await payment.getByRole('button', { name: 'Выставить', exact: true }).click();
    await payment.getByRole('alert').waitFor();

    // The bank details by hand: a wrong INN is said under its field; corrected, they are saved.
    await page.getByRole('button', { name: 'Реквизиты для оплаты' }).click();
    const details = page.getByRole('form', { name: 'Реквизиты для оплаты' });
    const typed = {
      Получатель: 'ПК «Статистика»',
      ИНН: '7707083890',
      КПП: '773601001',
      'Расчётный счёт': '40702810938000000001',
      Банк: 'ПАО Сбербанк',
      БИК: '044525225',
      'Корреспондентский счёт': '30101810400000000225',
    };
    for (const [label, value] of Object.entries(typed)) {
      await details.getByLabel(new RegExp(`^${label}`)).fill(value);
    }
    await details.getByRole('button', { name: 'Сохранить реквизиты' }).click();
    await details.getByText('ИНН организации: 10 цифр с верной контрольной суммой.').waitFor();
    expect(await business.members.paymentDetails(coopname)).toBeNull();
    await details.getByLabel(/^ИНН/).fill('7707083893');
    await details.getByRole('button', { name: 'Сохранить реквизиты' }).click();
    await details.getByText('Реквизиты сохранены.').waitFor();
    expect(await business.members.paymentDetails(coopname)).toMatchObject({ inn: '7707083893' });

    // Now the request goes out, twice (each submission is a request of its own).
    await payment.getByRole('button', { name: 'Выставить', exact: true }).click();
    await payment.getByText(`Взнос выставлен пайщику ${username}.`).waitFor();
    await payment.getByLabel(/^Назначение платежа/).fill('Членский взнос за 2029 год');
    await payment.getByRole('button', { name: 'Выставить', exact: true }).click();
    await payment.getByText(`Взнос выставлен пайщику ${username}.`).waitFor();

    // Both are listed with what was published; the first payment is confirmed (asked first).
    const published = page.getByRole('region', { name: 'Собрания и взносы', exact: true });
    const meetingsList = published.getByRole('region', { name: 'Собрания', exact: true });
    await meetingsList.getByText('Общее собрание пайщиков').waitFor();
    expect(await meetingsList.getByTestId('published-meeting').first().textContent()).toContain(
      'предстоит',
    );
    const requests = published
      .getByRole('region', { name: 'Взносы', exact: true })
      .getByTestId('payment-request');
    await eventually(() => requests.count()).toBe(2);
    expect(await requests.first().textContent()).toMatch(/1\s500,00\s₽/);
    expect(await requests.first().textContent()).toContain(username!);
    expect(await requests.first().textContent()).toContain('ожидает оплаты');
    await requests
      .first()
      .getByRole('button', { name: /^Оплата получена: / })
      .click();
    const paid = page.getByRole('dialog', { name: 'Отметить оплату?' });
    await paid.getByRole('button', { name: 'Оплата получена' }).click();
    await requests.first().getByText('оплачен', { exact: true }).waitFor();
    const listed = await business.members.listPaymentRequests(coopname);
    expect(listed.payment_requests.map((request) => request.status)).toEqual(['paid', 'requested']);

    // The meeting published over the SDK (before the page opened) is cancelled from the list.
    await meetingsList.getByText('Субботник').waitFor();
    await meetingsList.getByRole('button', { name: 'Отменить собрание «Субботник»' }).click();
    const cancel = page.getByRole('dialog', { name: 'Отменить собрание?' });
    await cancel.getByRole('button', { name: 'Отменить собрание' }).click();
    await meetingsList.getByRole('listitem', { name: 'Субботник' }).getByText('отменено').waitFor();
    await captureScreen(page, 'business-members-published');
  });

  it('a viewer sees the statistics and the members, but no buttons that change them', async () => {
    const viewerEmail = newEmail('viewer');
    const viewer = await server.registerMember(viewerEmail, PASSWORD);
    await business.staff.invite(coopname, { email: viewerEmail, role: 'viewer' });
    let token = '';
    await eventually(async () => {
      const mails = JSON.stringify(await server.mailsTo(viewerEmail));
      token = /\/business\/invitations\/([A-Za-z0-9_-]+)/.exec(mails)?.[1] ?? '';
      return token;
    }).not.toBe('');
    await createBusinessClient(viewer).staff.accept(token);

    const page = await otherPage();
    await signInTo(page, `/business/${coopname}/stats`, viewerEmail, PASSWORD);
    await heading(page, 'Статистика').waitFor();
    await eventually(() => page.getByTestId('total-consents').textContent()).toBe('2');
    await openSection(page, 'Пайщики');
    await page
      .getByTestId(/^member-/)
      .first()
      .waitFor();
    // The owner's actions are there for the same rows: the viewer sees none of them.
    await page.getByText('член кооператива', { exact: true }).first().waitFor();
    expect(await page.getByRole('button', { name: /^Подтвердить членство/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Прекратить членство/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Опубликовать собрание' }).count()).toBe(0);
    // What was published is listed read-only: an upcoming meeting, a request still to be paid.
    const published = page.getByRole('region', { name: 'Собрания и взносы', exact: true });
    await published.getByText('Общее собрание пайщиков').waitFor();
    await published.getByText('ожидает оплаты').waitFor();
    for (const name of [/^Отменить собрание/, /^Оплата получена: /, /^Отменить взнос/]) {
      expect(await page.getByRole('button', { name }).count()).toBe(0);
    }
    expect(await page.getByRole('button', { name: 'Реквизиты для оплаты' }).count()).toBe(0);
    await openSection(page, 'Обзор');
    expect(await page.getByRole('button', { name: 'Проверить подключение' }).count()).toBe(0);
    await captureScreen(page, 'business-members-viewer', { widths: [360] });
  });
});
