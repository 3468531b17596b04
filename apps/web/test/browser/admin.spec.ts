import { createClient } from '@cardcoop/sdk';
import { createBusinessClient } from '@cardcoop/sdk/business';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer } from '../support/app-server.js';
import type { AppServer } from '../support/app-server.js';
import { setupBrowser } from '../support/browser.js';
import { signInToMember } from '../support/member-sign-in.js';
import { captureScreen } from '../support/screens.js';

// /admin in Chromium against the built server: a platform admin (appointed with the admin key,
// as the platform's automation does) finds a member, locks and unlocks them, approves an
// ownership claim, announces maintenance that the banner then shows; a member without a
// platform role is told they have no access. Every screen in both languages at both widths.
const PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj << >> endobj\n%%EOF');
const APPLICATION_FORM = {
  full_name: 'Потребительский кооператив «Рассвет»',
  short_name: 'ПК «Рассвет»',
  inn: '7707083893',
  ogrn: '1027700132195',
  kpp: '773601001',
  legal_address: 'г. Москва, ул. Мира, д. 2',
  actual_address: 'г. Москва, ул. Мира, д. 2',
  chairman_last_name: 'Петров',
  chairman_first_name: 'Пётр',
  phone: '+7 (916) 123-45-67',
  email: 'chair@rassvet.example',
  bank_name: 'ПАО Сбербанк',
  bik: '044525225',
  settlement_account: '40702810938000000001',
  expected_monthly_turnover: 250_000,
  members_count: 40,
  purpose: 'Оплата зарубежных сервисов',
};

let coops = 0;
/** A chain account name (a-z, 1-5, at most 12) of its own for each cooperative. */
const uniqueCoopname = (prefix: string) =>
  `${prefix}${(++coops).toString()}${Date.now().toString(36)}`
    .replace(/[^a-z1-5]/g, (c) => 'abcdefghij'[Number(c)] ?? 'a')
    .replace(/[6-9]/g, 'x')
    .slice(0, 12);

describe('platform administration', () => {
  let server: AppServer;
  beforeAll(async () => {
    server = await startAppServer();
  });
  afterAll(async () => {
    await server?.close();
  });
  const browser = setupBrowser({ baseURL: () => server.url });

  const PASSWORD = 'correct horse battery staple';
  let members = 0;
  async function register() {
    const email = `admin-${++members}-${Date.now()}@example.org`;
    const member = await server.registerMember(email, PASSWORD);
    return { email, member };
  }

  /** The admin API with the platform's key (automation). */
  async function adminApi(path: string, init: RequestInit = {}) {
    const response = await fetch(`${server.url}/api/v1/admin${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${server.adminApiKey}`,
        ...(init.body ? { 'content-type': 'application/json' } : {}),
      },
    });
    if (!response.ok) throw new Error(`${path}: ${response.status}`);
    return response.status === 204 ? undefined : ((await response.json()) as unknown);
  }
  const userOf = async (email: string) =>
    (await adminApi(`/users?${new URLSearchParams({ email })}`)) as {
      user_id: string;
      status: string;
    };

  /** A new member made a platform admin. */
  async function platformAdmin() {
    const registered = await register();
    const { user_id } = await userOf(registered.email);
    await adminApi(`/staff/${user_id}`, {
      method: 'PUT',
      body: JSON.stringify({ role: 'platform_admin' }),
    });
    return registered;
  }

  /** Signs in and opens `path` of /admin (a reload locks the card: opened with the password). */
  async function openAdmin(page: Page, email: string, path = '/admin') {
    await signInToMember(page, email, PASSWORD);
    await page.goto(path);
    await page.getByLabel(/^Пароль/).fill(PASSWORD);
    await page.getByRole('button', { name: 'Открыть карту' }).click();
  }
  const heading = (page: Page, name: string) =>
    page.getByRole('heading', { level: 1, name }).waitFor();
  const eventually = <T>(value: () => T | Promise<T>) => expect.poll(value, { timeout: 15_000 });

  it('tells a member without a platform role that they have no access', async () => {
    const { page } = browser;
    const { email } = await register();
    await signInToMember(page, email, PASSWORD);
    // The home offers the business panel, and /admin only to the platform's staff.
    await page.getByRole('link', { name: 'Бизнес-панель кооператива' }).waitFor();
    expect(await page.getByRole('link', { name: 'Администрирование платформы' }).count()).toBe(0);
    await page.goto('/admin/users');
    await page.getByLabel(/^Пароль/).fill(PASSWORD);
    await page.getByRole('button', { name: 'Открыть карту' }).click();
    await heading(page, 'Нет доступа');
    await expect(
      page.getByRole('navigation', { name: 'Разделы администрирования' }).count(),
    ).resolves.toBe(0);
    await captureScreen(page, 'admin-no-access');
  });

  it('finds a member by e-mail, locks them with a reason and unlocks them', async () => {
    const { page } = browser;
    const admin = await platformAdmin();
    const target = await register();
    await signInToMember(page, admin.email, PASSWORD);
    await page.getByRole('link', { name: 'Администрирование платформы' }).click();
    await page.waitForURL('**/admin/overview');
    await heading(page, 'Обзор');
    await page.getByText('Всё работает').waitFor();
    await captureScreen(page, 'admin-overview');

    await page.getByRole('link', { name: 'Пользователи' }).click();
    await heading(page, 'Пользователи');
    await page.getByLabel(/^Адрес электронной почты/).fill('nobody@example.org');
    await page.getByRole('button', { name: 'Найти', exact: true }).click();
    await page.getByText('Участника с таким адресом нет.').waitFor();
    await captureScreen(page, 'admin-users');

    await page.getByLabel(/^Адрес электронной почты/).fill(target.email);
    await page.getByRole('button', { name: 'Найти', exact: true }).click();
    await heading(page, 'Участник');
    const { user_id } = await userOf(target.email);
    await page.getByText(user_id, { exact: true }).waitFor();
    // The address stays out of the URL.
    expect(page.url()).toContain(`/admin/users/${user_id}`);
    expect(page.url()).not.toContain('example.org');

    await page.getByRole('button', { name: 'Заблокировать' }).click();
    const dialog = page.getByRole('dialog', { name: 'Заблокировать участника' });
    await dialog.getByRole('button', { name: 'Заблокировать' }).click();
    await dialog.getByText('Укажите причину').waitFor();
    await dialog.getByLabel(/^Причина/).fill('Жалоба на мошенничество №17');
    await dialog.getByRole('button', { name: 'Заблокировать' }).click();
    await page.getByRole('status').filter({ hasText: 'Участник заблокирован.' }).waitFor();
    await eventually(async () => (await userOf(target.email)).status).toBe('locked');
    // The member's signed-in client was signed out by the lock.
    await expect(target.member.sessions.list()).rejects.toThrow();
    await page.getByText('account.locked').first().waitFor();
    await captureScreen(page, 'admin-user');

    await page.getByRole('button', { name: 'Разблокировать' }).click();
    await page.getByRole('status').filter({ hasText: 'Участник разблокирован.' }).waitFor();
    await eventually(async () => (await userOf(target.email)).status).toBe('active');
  });

  it('approves a cooperative’s ownership claim and rejects another with a reason', async () => {
    const { page } = browser;
    const admin = await platformAdmin();
    const owner = await register();
    const coopname = `adm${Date.now()
      .toString(36)
      .replace(/[^a-z1-5]/g, 'a')}`.slice(0, 12);
    const business = createBusinessClient(owner.member);
    await business.claims.connect({ coopname, display_name: 'ПК «Заявка»' });
    await business.claims.requestApproval(coopname, 'Председатель: Петров П. П.');

    await openAdmin(page, admin.email, '/admin/cooperatives');
    await heading(page, 'Кооперативы');
    const claim = page
      .getByRole('listitem')
      .filter({ hasText: coopname })
      .filter({
        has: page.getByRole('button', { name: 'Подтвердить владение' }),
      });
    await claim.getByText('Председатель: Петров П. П.').waitFor();
    await captureScreen(page, 'admin-cooperatives');
    await claim.getByRole('button', { name: 'Подтвердить владение' }).click();
    await page.getByText('Владение кооперативом ПК «Заявка» подтверждено.').waitFor();
    expect(await business.claims.verification(coopname)).toMatchObject({ verified_via: 'admin' });

    // Another claim is rejected with a reason, which the claimant reads.
    const other = uniqueCoopname('rej');
    await business.claims.connect({ coopname: other, display_name: 'ПК «Сомнительный»' });
    await business.claims.requestApproval(other);
    await page.reload();
    await page.getByLabel(/^Пароль/).fill(PASSWORD);
    await page.getByRole('button', { name: 'Открыть карту' }).click();
    const doubtful = page
      .getByRole('listitem')
      .filter({ hasText: other })
      .filter({
        has: page.getByRole('button', { name: 'Отклонить' }),
      });
    await doubtful.getByRole('button', { name: 'Отклонить' }).click();
    const dialog = page.getByRole('dialog', { name: 'Отклонить запрос: ПК «Сомнительный»' });
    await dialog.getByLabel(/^Причина/).fill('Не удалось связаться с председателем');
    await dialog.getByRole('button', { name: 'Отклонить' }).click();
    await page.getByText('Запрос кооператива ПК «Сомнительный» отклонён.').waitFor();
    expect(await business.claims.verification(other)).toMatchObject({
      verified_at: null,
      claim: { status: 'rejected', reason: 'Не удалось связаться с председателем' },
    });
  });

  it('registers a cooperative (its secret shown once), suspends it, edits it over a conflict and replaces its secret after a step-up', async () => {
    const { page } = browser;
    const admin = await platformAdmin();
    const taken = uniqueCoopname('tkn');
    await adminApi('/cooperatives', {
      method: 'POST',
      body: JSON.stringify({ coopname: taken, display_name: 'ПК «Занято»' }),
    });
    /** The cooperative API with the client's credentials: 204 when they are good. */
    const coopCall = async (coopname: string, secret: string) =>
      (
        await fetch(`${server.url}/api/v1/coop/memberships/applicant1`, {
          method: 'PUT',
          headers: {
            authorization: `Basic ${Buffer.from(`${coopname}:${secret}`).toString('base64')}`,
          },
        })
      ).status;

    await openAdmin(page, admin.email, '/admin/cooperatives');
    await heading(page, 'Кооперативы');
    await page.getByRole('button', { name: 'Новый кооператив' }).click();
    const dialog = page.getByRole('dialog', { name: 'Новый кооператив' });
    // The contracts' rules, before anything is sent.
    await dialog.getByLabel(/^Имя аккаунта/).fill('Voskhod_1');
    await dialog.getByLabel(/^Название/).fill('ПК «Новый»');
    await dialog.getByLabel(/^Адреса сайтов/).fill('https://coop.example/path');
    await dialog.getByRole('button', { name: 'Зарегистрировать' }).click();
    await dialog.getByText('До 12 символов: строчные латинские буквы').waitFor();
    await dialog.getByText('Каждая строка — адрес сайта без пути').waitFor();
    expect(await dialog.getByLabel(/^Имя аккаунта/).getAttribute('aria-invalid')).toBe('true');
    await captureScreen(page, 'admin-cooperative-new', { languages: ['ru'] });

    // The server's refusals, next to their fields: a taken name, quick entry off the origins.
    await dialog.getByLabel(/^Имя аккаунта/).fill(taken);
    await dialog.getByLabel(/^Адреса сайтов/).fill('https://coop.example');
    await dialog.getByRole('button', { name: 'Зарегистрировать' }).click();
    await dialog.getByText('Кооператив с таким именем аккаунта уже зарегистрирован.').waitFor();
    const coopname = uniqueCoopname('new');
    await dialog.getByLabel(/^Имя аккаунта/).fill(coopname);
    await dialog.getByLabel(/^Адрес быстрого входа/).fill('https://other.example/enter');
    await dialog.getByRole('button', { name: 'Зарегистрировать' }).click();
    await dialog.getByText('Адрес https (http — только localhost) без #').waitFor();
    expect(await dialog.getByLabel(/^Адрес быстрого входа/).getAttribute('aria-invalid')).toBe(
      'true',
    );
    await dialog.getByLabel(/^Адрес быстрого входа/).fill('https://coop.example/enter');
    await dialog.getByLabel('Уровень').selectOption('extended');
    await dialog.getByRole('button', { name: 'Зарегистрировать' }).click();
    await dialog.getByText('Кооператив ПК «Новый» зарегистрирован').waitFor();
    const secret = (await dialog.getByLabel('Секрет клиента', { exact: true }).textContent()) ?? '';
    expect(secret.length).toBeGreaterThan(20);
    expect(await coopCall(coopname, secret)).toBe(204);
    await captureScreen(page, 'admin-cooperative-created', { languages: ['ru'] });
    // Once: gone with the dialog.
    await dialog.getByRole('button', { name: 'Я сохранил секрет' }).click();
    await eventually(() => dialog.count()).toBe(0);
    expect(await page.getByText(secret).count()).toBe(0);
    expect(await adminApi(`/cooperatives/${coopname}`)).toMatchObject({
      display_name: 'ПК «Новый»',
      origins: ['https://coop.example'],
      entry_url: 'https://coop.example/enter',
      level: 'extended',
      status: 'active',
    });

    const item = page.getByRole('listitem').filter({ hasText: coopname });
    await item.getByRole('button', { name: 'Приостановить: ПК «Новый»' }).click();
    await page
      .getByRole('dialog', { name: 'Приостановить кооператив ПК «Новый»?' })
      .getByRole('button', { name: 'Приостановить' })
      .click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Кооператив ПК «Новый» приостановлен.' })
      .waitFor();
    await item.getByText('Приостановлен', { exact: true }).waitFor();
    expect(await adminApi(`/cooperatives/${coopname}`)).toMatchObject({ status: 'suspended' });
    expect(await coopCall(coopname, secret)).toBe(401);
    await page.mouse.move(0, 0);
    await captureScreen(page, 'admin-cooperatives-registry');
    await item.getByRole('button', { name: 'Возобновить: ПК «Новый»' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Возобновить' }).click();
    await item.getByText('Работает', { exact: true }).waitFor();
    expect(await coopCall(coopname, secret)).toBe(204);

    // Someone else changes it while the form is open: told, reloaded, saved again.
    await item.getByRole('button', { name: 'Изменить: ПК «Новый»' }).click();
    const editing = page.getByRole('dialog', { name: 'Настройки: ПК «Новый»' });
    await editing.getByLabel(/^Название/).fill('ПК «Новый век»');
    const { revision } = (await adminApi(`/cooperatives/${coopname}`)) as { revision: number };
    await adminApi(`/cooperatives/${coopname}`, {
      method: 'PATCH',
      body: JSON.stringify({ expected_revision: revision, legal_name: 'ПК «Новый» (полное)' }),
    });
    await editing.getByRole('button', { name: 'Сохранить' }).click();
    await editing.getByText('Пока вы редактировали, настройки кооператива изменили.').waitFor();
    // The other change shows in the form; the name typed stays.
    await eventually(() => editing.getByLabel(/^Полное наименование/).inputValue()).toBe(
      'ПК «Новый» (полное)',
    );
    expect(await editing.getByLabel(/^Название/).inputValue()).toBe('ПК «Новый век»');
    await editing.getByRole('button', { name: 'Сохранить' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Настройки кооператива ПК «Новый век» сохранены.' })
      .waitFor();
    expect(await adminApi(`/cooperatives/${coopname}`)).toMatchObject({
      display_name: 'ПК «Новый век»',
      legal_name: 'ПК «Новый» (полное)',
    });

    // A new secret needs a fresh proof; the old one works for the hour picked.
    await item.getByRole('button', { name: 'Заменить секрет: ПК «Новый век»' }).click();
    const rotate = page.getByRole('dialog', { name: 'Заменить секрет клиента: ПК «Новый век»' });
    await rotate.getByLabel('Старый секрет действует ещё').selectOption('60');
    await rotate.getByRole('button', { name: 'Заменить секрет' }).click();
    const stepUp = page.getByRole('dialog', { name: 'Подтвердите, что это вы' });
    await stepUp.getByLabel(/^Пароль/).fill(PASSWORD);
    await stepUp.getByRole('button', { name: 'Подтвердить', exact: true }).click();
    const shown = item.getByLabel('Новый секрет клиента ПК «Новый век»', { exact: true });
    await shown.waitFor();
    const next = (await shown.textContent()) ?? '';
    expect(next).not.toBe(secret);
    await item.getByText('Старый секрет действует до').waitFor();
    expect(await coopCall(coopname, next)).toBe(204);
    expect(await coopCall(coopname, secret)).toBe(204);
    await page.mouse.move(0, 0);
    await captureScreen(page, 'admin-cooperative-rotated');
    await item.getByRole('button', { name: 'Скрыть секрет' }).click();
    await eventually(() => page.getByText(next).count()).toBe(0);
  });

  it('announces planned maintenance, which the banner then shows to everyone', async () => {
    const { page } = browser;
    const admin = await platformAdmin();
    await openAdmin(page, admin.email, '/admin/maintenance');
    await heading(page, 'Плановые работы');
    await page.getByRole('button', { name: 'Опубликовать' }).click();
    await eventually(() => page.getByText('Заполните поле').count()).toBe(4);

    // The browser's own time zone: the form takes local time.
    const local = (minutes: number) =>
      page.evaluate((offset) => {
        const at = new Date(Date.now() + offset * 60_000);
        const pad = (value: number) => String(value).padStart(2, '0');
        return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
      }, minutes);
    await page.getByLabel(/^Начало/).fill(await local(120));
    await page.getByLabel(/^Конец/).fill(await local(60));
    await page.getByLabel(/^Текст на русском/).fill('Обновление базы данных');
    await page.getByLabel(/^Текст на английском/).fill('Database upgrade');
    await page.getByRole('button', { name: 'Опубликовать' }).click();
    await page.getByText('Конец должен быть позже начала').waitFor();
    await page.getByLabel(/^Конец/).fill(await local(180));
    await page.getByRole('button', { name: 'Опубликовать' }).click();
    await page.getByRole('status').filter({ hasText: 'Объявление сохранено.' }).waitFor();
    const item = page.getByRole('listitem').filter({ hasText: 'Обновление базы данных' });
    await item.waitFor();
    await captureScreen(page, 'admin-maintenance');

    // Anyone, signed in or not, in a browser of their own.
    const visitor = await browser.browser.newContext({ baseURL: server.url, locale: 'ru-RU' });
    try {
      const other = await visitor.newPage();
      await other.goto('/');
      await other.getByRole('status').filter({ hasText: 'Обновление базы данных' }).waitFor();
    } finally {
      await visitor.close();
    }

    await item.getByRole('button', { name: 'Изменить' }).click();
    // The edit form in the list item (the texts are in its fields now).
    const editing = page.getByRole('listitem').filter({ hasText: 'Изменить объявление' });
    await editing.getByLabel(/^Текст на русском/).fill('Обновление базы данных и кэша');
    await editing.getByRole('button', { name: 'Сохранить' }).click();
    const edited = page.getByRole('listitem').filter({ hasText: 'Обновление базы данных и кэша' });
    await edited.waitFor();
    await edited.getByRole('button', { name: 'Удалить' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Удалить' }).click();
    await page.getByRole('status').filter({ hasText: 'Объявление удалено.' }).waitFor();
    await eventually(() => edited.count()).toBe(0);
  });

  /** A cooperative of `owner` (its claim approved) whose complete application is submitted. */
  async function submittedApplication(owner: Awaited<ReturnType<typeof register>>) {
    const coopname = uniqueCoopname('apl');
    const business = createBusinessClient(owner.member);
    await business.claims.connect({ coopname, display_name: 'ПК «Рассвет»' });
    await business.claims.requestApproval(coopname);
    await adminApi(`/claims/${coopname}/approve`, { method: 'POST', body: '{}' });
    await business.applications.save(coopname, { expected_revision: 0, form: APPLICATION_FORM });
    for (const kind of ['charter', 'egrul_extract'] as const)
      await business.applications.uploadDocument(coopname, kind, PDF, {
        contentType: 'application/pdf',
        fileName: `${kind}.pdf`,
      });
    await business.applications.submit(coopname);
    return { coopname, business };
  }

  it('an operator reviewer sees the review queue only, downloads a document and approves with step-up', async () => {
    const { page } = browser;
    const owner = await register();
    const { coopname, business } = await submittedApplication(owner);
    const reviewer = await register();
    await adminApi(`/staff/${(await userOf(reviewer.email)).user_id}`, {
      method: 'PUT',
      body: JSON.stringify({ role: 'operator_reviewer' }),
    });

    await openAdmin(page, reviewer.email, '/admin/users');
    // Sections of platform admins lead a reviewer to the review queue.
    await page.waitForURL('**/admin/applications');
    const nav = page.getByRole('navigation', { name: 'Разделы администрирования' });
    await expect(nav.getByRole('link').allTextContents()).resolves.toEqual([
      'Заявки оператору',
      'Виртуальные карты',
    ]);
    await page.getByRole('link', { name: 'Потребительский кооператив «Рассвет»' }).click();
    await heading(page, 'ПК «Рассвет»');
    await page.getByText('7707083893').first().waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Скачать: Устав' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('charter.pdf');
    await page.mouse.move(0, 0);
    await captureScreen(page, 'admin-application');

    await page.getByRole('button', { name: 'Одобрить' }).click();
    await page
      .getByRole('dialog', { name: 'Одобрить' })
      .getByRole('button', { name: 'Одобрить' })
      .click();
    // The session needs a fresh proof: the password here (2FA is off).
    const stepUp = page.getByRole('dialog', { name: 'Подтвердите, что это вы' });
    await stepUp.getByLabel(/^Пароль/).fill(PASSWORD);
    // The language switch sits under the dialog's overlay: the dialog in Russian.
    await captureScreen(page, 'admin-step-up', { languages: ['ru'] });
    await stepUp.getByRole('button', { name: 'Подтвердить', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Решение сохранено: Одобрена.' }).waitFor();
    expect(await business.applications.get(coopname)).toMatchObject({ level: 'extended' });

    // Another one is sent back for changes with a reason (no step-up for that).
    const second = await submittedApplication(owner);
    await page.goto(`/admin/applications/${second.coopname}`);
    await page.getByLabel(/^Пароль/).fill(PASSWORD);
    await page.getByRole('button', { name: 'Открыть карту' }).click();
    await page.getByRole('button', { name: 'Запросить исправления' }).click();
    const changes = page.getByRole('dialog', { name: 'Запросить исправления' });
    await changes.getByLabel(/^Причина/).fill('Приложите решение о назначении председателя');
    await changes.getByRole('button', { name: 'Запросить исправления' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Решение сохранено: Нужны исправления.' })
      .waitFor();
    expect((await second.business.applications.get(second.coopname)).application).toMatchObject({
      status: 'changes_requested',
      decision_reason: 'Приложите решение о назначении председателя',
    });
  });

  it('grants a platform role by e-mail with step-up and exports a member’s records', async () => {
    const { page } = browser;
    const admin = await platformAdmin();
    const colleague = await register();
    await openAdmin(page, admin.email, '/admin/staff');
    await heading(page, 'Сотрудники');
    await page.getByLabel(/^Адрес электронной почты/).fill(colleague.email);
    await page.getByLabel('Роль', { exact: true }).selectOption('operator_reviewer');
    await page.getByRole('button', { name: 'Выдать роль' }).click();
    const stepUp = page.getByRole('dialog', { name: 'Подтвердите, что это вы' });
    await stepUp.getByLabel(/^Пароль/).fill('not the password');
    await stepUp.getByRole('button', { name: 'Подтвердить', exact: true }).click();
    await stepUp.getByText('Неверный адрес почты или пароль.').waitFor();
    await stepUp.getByLabel(/^Пароль/).fill(PASSWORD);
    await stepUp.getByRole('button', { name: 'Подтвердить', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Роль выдана.' }).waitFor();
    const { user_id } = await userOf(colleague.email);
    const staff = (await adminApi('/staff')) as { staff: { user_id: string; role: string }[] };
    expect(staff.staff).toContainEqual(
      expect.objectContaining({ user_id, role: 'operator_reviewer' }),
    );

    // Taken away again (the session stepped up a moment ago: no second proof).
    const item = page.getByRole('listitem').filter({ hasText: user_id });
    await item.getByRole('button', { name: 'Снять роль' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Снять роль' }).click();
    await eventually(() => item.count()).toBe(0);
    const after = (await adminApi('/staff')) as { staff: { user_id: string }[] };
    expect(after.staff.map((member) => member.user_id)).not.toContain(user_id);

    // Stepped up a moment ago: the export needs no second proof.
    await page.goto(`/admin/users/${user_id}`);
    await page.getByLabel(/^Пароль/).fill(PASSWORD);
    await page.getByRole('button', { name: 'Открыть карту' }).click();
    await heading(page, 'Участник');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Выгрузить данные (JSON)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`cardcoop-export-${user_id}.json`);
    const exported = JSON.parse(await readFile(await download.path(), 'utf8')) as {
      platform_role: string | null;
      audit_events: { type: string }[];
    };
    // The role is gone; its grant and removal are in the member's records.
    expect(exported.platform_role).toBeNull();
    expect(exported.audit_events.map((event) => event.type)).toEqual(
      expect.arrayContaining(['platform_role.set', 'platform_role.removed']),
    );
  });

  it('carries out a pending deletion now, after a confirmation and a step-up', async () => {
    const { page } = browser;
    const admin = await platformAdmin();
    const leaving = await register();
    const { user_id } = await userOf(leaving.email);
    const client = createClient({ baseUrl: server.url, language: 'ru' });
    await client.auth.requestDeletion(leaving.email);
    await client.auth.confirmDeletion({
      email: leaving.email,
      code: await server.latestCode(leaving.email),
    });

    await openAdmin(page, admin.email, '/admin/users');
    await heading(page, 'Пользователи');
    const item = page.getByRole('listitem').filter({ hasText: user_id });
    await item.waitFor();
    await item.getByRole('button', { name: 'Удалить сейчас' }).click();
    const confirm = page.getByRole('dialog', { name: 'Удалить учётную запись сейчас?' });
    await confirm.getByText(user_id).waitFor();
    await confirm.getByRole('button', { name: 'Удалить сейчас' }).click();
    const stepUp = page.getByRole('dialog', { name: 'Подтвердите, что это вы' });
    await stepUp.getByLabel(/^Пароль/).fill(PASSWORD);
    await stepUp.getByRole('button', { name: 'Подтвердить', exact: true }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Учётная запись ${user_id} удалена.` })
      .waitFor();
    await eventually(() => item.count()).toBe(0);
    await expect(userOf(leaving.email)).rejects.toThrow(/404/);
  });

  it('shows the review queue, the audit log with its verification and the staff', async () => {
    const { page } = browser;
    const admin = await platformAdmin();
    await openAdmin(page, admin.email, '/admin/applications');
    await heading(page, 'Заявки оператору');
    await page.getByRole('heading', { level: 2, name: 'На проверке' }).waitFor();
    await eventually(() => page.getByRole('status', { name: 'Загрузка…' }).count()).toBe(0);
    await captureScreen(page, 'admin-applications');

    // More than a page (50) of events: a member locked and unlocked 26 times.
    const target = await register();
    const { user_id: targetId } = await userOf(target.email);
    for (let round = 0; round < 26; round++) {
      await adminApi(`/users/${targetId}/lock`, {
        method: 'POST',
        body: JSON.stringify({ reason: `round ${round}` }),
      });
      await adminApi(`/users/${targetId}/unlock`, { method: 'POST' });
    }
    await page.getByRole('link', { name: 'Журнал аудита' }).click();
    await heading(page, 'Журнал аудита');
    const events = page.locator('main ol > li');
    await eventually(() => events.count()).toBe(50);
    await page.getByRole('button', { name: 'Показать ещё' }).click();
    await eventually(() => events.count()).toBeGreaterThan(50);

    await page.getByLabel('С', { exact: true }).fill('2030-01-02T00:00');
    await page.getByLabel('По', { exact: true }).fill('2030-01-01T00:00');
    await page.getByRole('button', { name: 'Показать', exact: true }).click();
    await page.getByText('Начало должно быть раньше конца').waitFor();
    await page.getByLabel('С', { exact: true }).fill('');
    await page.getByLabel('По', { exact: true }).fill('');
    await page.getByLabel('Тип события').fill('account.unlocked');
    await page.getByRole('button', { name: 'Показать', exact: true }).click();
    // Only that type, from every member (the other tests unlock someone too).
    await eventually(() => events.filter({ hasText: `round 25` }).count()).toBe(0);
    await eventually(() => events.count()).toBeGreaterThanOrEqual(26);
    await expect(events.filter({ hasNotText: 'account.unlocked' }).count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Проверить цепочку' }).click();
    await page.getByText('Журнал цел').waitFor();
    await page.mouse.move(0, 0);
    await captureScreen(page, 'admin-audit');

    await page.getByRole('link', { name: 'Сотрудники' }).click();
    await heading(page, 'Сотрудники');
    const { user_id } = await userOf(admin.email);
    await page.getByRole('link', { name: user_id }).waitFor();
    // No hover on the link just clicked in the pictures.
    await page.mouse.move(0, 0);
    await captureScreen(page, 'admin-staff');
  });

  // Last in the file: its hundred cooperatives would push the other tests' ones to a later page.
  it('pages the registry on: "Показать ещё" reads the next cooperatives by name', async () => {
    const { page } = browser;
    const admin = await platformAdmin();
    const letter = (n: number) => String.fromCharCode(97 + n);
    const names = Array.from(
      { length: 101 },
      (_, i) => `zzpage${letter(Math.floor(i / 26))}${letter(i % 26)}`,
    );
    for (const coopname of names)
      await adminApi('/cooperatives', {
        method: 'POST',
        body: JSON.stringify({ coopname, display_name: `ПК ${coopname}` }),
      });
    await openAdmin(page, admin.email, '/admin/cooperatives');
    await heading(page, 'Кооперативы');
    const registry = page.locator('section[aria-labelledby="admin-registry"]');
    await registry.getByText(names[0]!, { exact: true }).waitFor();
    // A page is 100 by name: the last one is on the next.
    expect(await registry.getByText(names.at(-1)!, { exact: true }).count()).toBe(0);
    await registry.getByRole('button', { name: 'Показать ещё' }).click();
    await registry.getByText(names.at(-1)!, { exact: true }).waitFor();
    await eventually(() => registry.getByRole('button', { name: 'Показать ещё' }).count()).toBe(0);
    browser.expectNoProblems();
  });
});
