import { CARD_SCHEMA_ID } from '@cardcoop/contracts';
import type { StoredCard } from '@cardcoop/contracts';
import { createClient, sealEnvelope, utf8Encode } from '@cardcoop/sdk';
import type { MemberClient } from '@cardcoop/sdk';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { individual, organization } from '../../../../packages/sdk/src/testing/card-fixtures.js';
import { POLICY_VERSION, TEST_KSF } from '../../../server/test/support/raw-member.js';
import { startAppServer } from '../support/app-server.js';
import type { AppServer } from '../support/app-server.js';
import { setupBrowser, ZOD_EVAL_PROBE } from '../support/browser.js';
import {
  choice,
  chooseOption,
  descriptionAt,
  errorAt,
  field,
  typedDate,
} from '../support/card-form.js';
import { captureScreen } from '../support/screens.js';

// Issue 12, card schema v2: an individual's INN, SNILS and place of birth, names in Ф-И-О
// order, an organization's one KPP and its actual address, currency and country from lists,
// Cancel that asks, and a card written by the previous app opened migrated.

const PASSWORD = 'card schema two';

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto(`/id/login?${new URLSearchParams({ next: '/id/card' })}`);
  await field(page, 'Адрес электронной почты').fill(email);
  await field(page, 'Пароль').fill(PASSWORD);
  await page.getByRole('button', { name: 'Войти' }).click();
  await page.waitForURL('**/id/card');
}

const save = async (page: Page) => {
  await page.getByRole('button', { name: 'Сохранить карту' }).click();
  await page.getByRole('status').filter({ hasText: 'Карта сохранена.' }).waitFor();
};

/** The labels of the form's inputs, or of the summary's items, in the order on screen. */
const formLabels = (page: Page) =>
  page.locator('form label').evaluateAll((labels) => labels.map((l) => l.textContent ?? ''));
const summaryLabels = (page: Page) =>
  page.locator('dt').evaluateAll((terms) => terms.map((t) => t.textContent ?? ''));
const nameOrder = (labels: string[]) =>
  labels
    .map((label) => label.replace(/ \*$/, ''))
    .filter((label) => ['Фамилия', 'Имя', 'Отчество'].includes(label));

describe('card schema v2 in the browser', () => {
  let server: AppServer;
  const members = new Map<string, MemberClient>();

  /** A member registered through the SDK, their Recovery Kit saved; the client is kept. */
  const registered = async (email: string): Promise<MemberClient> => {
    const member = await server.registerMember(email, PASSWORD);
    members.set(email, member);
    return member;
  };

  beforeAll(async () => {
    server = await startAppServer();
  });
  afterAll(async () => {
    for (const member of members.values()) await member.logout().catch(() => undefined);
    await server?.close();
  });
  const browser = setupBrowser({ baseURL: () => server.url, allow: [ZOD_EVAL_PROBE] });

  it('takes an individual’s INN, SNILS and place of birth, checksums refused at the field, names in Ф-И-О order', async () => {
    const { page } = browser;
    const member = await registered('card.v2.person@coop.example');
    await signIn(page, 'card.v2.person@coop.example');
    await page.getByRole('button', { name: 'Создать карту' }).click();
    await page.getByRole('heading', { name: 'Новая карта' }).waitFor();
    expect(nameOrder(await formLabels(page))).toEqual(['Фамилия', 'Имя', 'Отчество']);
    expect(await descriptionAt(page, 'СНИЛС')).toBe('11 цифр, как на карточке: 112-233-445 95');
    // Optional for an individual: no asterisk, nothing required.
    expect(await field(page, 'ИНН').getAttribute('required')).toBeNull();

    await field(page, 'Фамилия').fill(individual.last_name);
    await field(page, 'Имя').fill(individual.first_name);
    await field(page, 'Отчество').fill(individual.middle_name!);
    await field(page, 'Дата рождения').fill(typedDate(individual.birthdate));
    await field(page, 'Адрес регистрации').fill(individual.full_address);
    await field(page, 'Телефон').fill('8 999 123-45-67');
    await field(page, 'Электронная почта').fill(individual.email);
    // One digit off in each: the member is told it is the checksum, at the field.
    await field(page, 'ИНН').fill('500100732258');
    await field(page, 'ИНН').press('Tab');
    await field(page, 'СНИЛС').fill('11223344596');
    expect(await field(page, 'СНИЛС').inputValue()).toBe('112-233-445 96');
    await field(page, 'СНИЛС').press('Tab');
    expect(await errorAt(page, 'ИНН')).toBe('Неверный ИНН: контрольная сумма не сходится');
    expect(await errorAt(page, 'СНИЛС')).toBe('Неверный СНИЛС: контрольное число не сходится');
    await page.getByRole('button', { name: 'Сохранить карту' }).click();
    await page.getByRole('alert').filter({ hasText: 'Карта не сохранена' }).waitFor();
    await captureScreen(page, 'id-card-v2-form-individual-errors');

    await field(page, 'ИНН').fill('500100732259');
    await field(page, 'СНИЛС').fill('11223344595');
    await field(page, 'Место рождения').fill('гор. Москва');
    for (const [label, value] of Object.entries({
      Серия: '4509',
      Номер: '123456',
      'Кем выдан': 'ОВД района Хамовники г. Москвы',
      'Дата выдачи': '20.05.2010',
      'Код подразделения': '772053',
    })) {
      await field(page, label).fill(value);
    }
    await captureScreen(page, 'id-card-v2-form-individual');
    await save(page);

    expect((await member.card.get()).data).toEqual({
      ...individual,
      inn: '500100732259',
      snils: '11223344595',
      passport: { ...individual.passport, birthplace: 'гор. Москва' },
    });
    expect(await page.getByText('112-233-445 95', { exact: true }).isVisible()).toBe(true);
    expect(await page.getByText('500100732259', { exact: true }).isVisible()).toBe(true);
    expect(await page.getByText('гор. Москва', { exact: true }).isVisible()).toBe(true);
    expect(await page.getByText('+7 999 123-45-67', { exact: true }).isVisible()).toBe(true);
    expect(nameOrder(await summaryLabels(page))).toEqual(['Фамилия', 'Имя', 'Отчество']);
    await captureScreen(page, 'id-card-v2-summary-individual');
  }, 240_000);

  it('asks before Cancel drops an edited card, and keeps the edits when the member stays', async () => {
    const { page } = browser;
    await signIn(page, 'card.v2.person@coop.example');
    const edit = page.getByRole('button', { name: 'Изменить карту' });
    // Untouched: Cancel leaves at once.
    await edit.click();
    await page.getByRole('button', { name: 'Отмена' }).click();
    await page.getByRole('heading', { name: 'Ваша карта' }).waitFor();

    await edit.click();
    await field(page, 'Место рождения').fill('гор. Тверь');
    await page.getByRole('button', { name: 'Отмена' }).click();
    const dialog = page.getByRole('dialog', { name: 'Не сохранять изменения?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Продолжить редактирование' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await field(page, 'Место рождения').inputValue()).toBe('гор. Тверь');

    await page.getByRole('button', { name: 'Отмена' }).click();
    await dialog.getByRole('button', { name: 'Выйти без сохранения' }).click();
    await page.getByRole('heading', { name: 'Ваша карта' }).waitFor();
    expect(await page.getByText('гор. Москва', { exact: true }).isVisible()).toBe(true);
    const member = members.get('card.v2.person@coop.example')!;
    expect((await member.card.get()).data).toMatchObject({
      passport: { birthplace: 'гор. Москва' },
    });
  }, 120_000);

  it('an organization types its address once when it works there, gives one KPP, and picks country and currency from lists', async () => {
    const { page } = browser;
    const member = await registered('card.v2.coop@coop.example');
    await signIn(page, 'card.v2.coop@coop.example');
    await page.getByRole('button', { name: 'Создать карту' }).click();
    await page.getByRole('radio', { name: 'Организация' }).check();
    await field(page, 'Организационно-правовая форма').selectOption('coop');
    await field(page, 'Краткое наименование').fill(organization.short_name);
    await field(page, 'Полное наименование').fill(organization.full_name);
    expect(nameOrder(await formLabels(page))).toEqual(['Фамилия', 'Имя', 'Отчество']);
    await field(page, 'Фамилия').fill('Иванов');
    await field(page, 'Имя').fill('Пётр');
    await field(page, 'Должность').fill('Председатель совета');
    await field(page, 'Действует на основании').fill('Устав');
    // Searched by its Russian name.
    await chooseOption(page, 'Страна', 'казах', 'Казахстан');
    await field(page, 'Город').fill('Алматы');
    const same = page.getByRole('checkbox', {
      name: 'Фактический адрес совпадает с адресом регистрации',
    });
    expect(await same.isChecked()).toBe(true);
    expect(await field(page, 'Фактический адрес').count()).toBe(0);
    await field(page, 'Адрес регистрации').fill('г. Алматы, пр. Абая, д. 1');
    await field(page, 'Телефон').fill('+7 727 123 45 67');
    await field(page, 'Электронная почта').fill(organization.email);
    await field(page, 'ИНН').fill(organization.details.inn);
    await field(page, 'ОГРН').fill(organization.details.ogrn);
    expect(await page.getByLabel(/^КПП/).count()).toBe(1);
    await field(page, 'КПП').fill(organization.details.kpp);
    expect(await choice(page, 'Валюта').inputValue()).toBe('RUB — российский рубль');
    // Named by the browser (Intl.DisplayNames): «KZT — казахский тенге».
    await chooseOption(page, 'Валюта', 'тенге', /^KZT — \S+ тенге$/);
    await field(page, 'Банк').fill('ПАО Сбербанк');
    await field(page, 'Расчётный счёт').fill('40702810938000000001');
    await field(page, 'БИК').fill('044525225');
    await field(page, 'Корреспондентский счёт').fill('30101810400000000225');
    await captureScreen(page, 'id-card-v2-form-organization');
    await save(page);

    const stored = (await member.card.get()).data;
    expect(stored).toMatchObject({
      country: 'KZ',
      full_address: 'г. Алматы, пр. Абая, д. 1',
      fact_address: 'г. Алматы, пр. Абая, д. 1',
      details: { kpp: organization.details.kpp },
      bank_account: { currency: 'KZT', details: { bik: '044525225' } },
    });
    expect(stored).not.toHaveProperty('bank_account.details.kpp');
    expect(await page.getByText('Совпадает с адресом регистрации').isVisible()).toBe(true);
    expect(await page.getByText('Казахстан', { exact: true }).isVisible()).toBe(true);
    expect(await page.getByText(/^KZT — \S+ тенге$/).isVisible()).toBe(true);
    await captureScreen(page, 'id-card-v2-summary-organization');

    // Another actual address: the box unticked shows the field.
    await page.getByRole('button', { name: 'Изменить карту' }).click();
    await same.uncheck();
    await field(page, 'Фактический адрес').fill('г. Алматы, ул. Панфилова, д. 7');
    await save(page);
    expect((await member.card.get()).data).toMatchObject({
      full_address: 'г. Алматы, пр. Абая, д. 1',
      fact_address: 'г. Алматы, ул. Панфилова, д. 7',
    });
    await page.getByRole('button', { name: 'Изменить карту' }).click();
    expect(await same.isChecked()).toBe(false);
  }, 240_000);

  it('opens a card the previous app wrote (format 2, schema v1) migrated, and saves it in the new format', async () => {
    const { page } = browser;
    const email = 'card.v2.legacy@coop.example';
    const client = createClient({ baseUrl: server.url, language: 'ru' });
    await client.auth.startRegistration({ email, privacyVersion: POLICY_VERSION });
    const session = await client.auth.completeRegistration({
      email,
      code: await server.latestCode(email),
      password: PASSWORD,
      ksf: TEST_KSF,
    });
    const legacy = client.member(session);
    members.set(email, legacy);
    await legacy.recoveryKit.confirm();
    // Sealed as the previous app did: format 2 under schema v1, a bank KPP, free-text country
    // (one no list names) and currency. The server takes writes against its own schema only, so the card is written
    // with that `$id` and its answers carry the one the previous app stored.
    const sealedMeta = {
      version: 2,
      schema: 'https://card.coop/schemas/card/v1.json',
      kind: 'organization',
    };
    const previous = {
      ...organization,
      country: 'Русь',
      bank_account: {
        ...organization.bank_account,
        currency: 'RUR',
        details: { ...organization.bank_account!.details, kpp: '773601001' },
      },
    };
    const card = await sealEnvelope({
      key: session.userKey.key,
      kid: session.userKey.version,
      plaintext: utf8Encode(JSON.stringify(previous)),
      context: {
        purpose: 'card',
        user_id: session.tokens.user_id,
        record_id: 'card',
        meta: sealedMeta,
      },
    });
    const meta = { ...sealedMeta, schema: CARD_SCHEMA_ID };
    await legacy.session.request('/api/v1/card/issue', { method: 'POST', body: { card, meta } });
    await page.route('**/api/v1/card', async (route) => {
      if (route.request().method() !== 'GET') return route.continue();
      const response = await route.fetch();
      const body = (await response.json()) as StoredCard;
      const json = body.meta.version === 2 ? { ...body, meta: sealedMeta } : body;
      await route.fulfill({ response, json });
    });

    await signIn(page, email);
    await page.getByRole('heading', { name: 'Ваша карта' }).waitFor();
    await page
      .getByText('Карта переведена в новый формат. Сохраните её, чтобы закрепить изменения.')
      .waitFor();
    expect(await page.getByText('Русь', { exact: true }).isVisible()).toBe(true);
    expect(await page.getByText('RUB — российский рубль').isVisible()).toBe(true);
    await captureScreen(page, 'id-card-v2-summary-migrated');

    await page.getByRole('button', { name: 'Изменить карту' }).click();
    expect(await page.getByLabel(/^КПП/).count()).toBe(1);
    expect(await descriptionAt(page, 'Страна')).toBe(
      'В карте было «Русь» — выберите значение из списка.',
    );
    await page.getByRole('button', { name: 'Сохранить карту' }).click();
    expect(await errorAt(page, 'Страна')).toBe('Выберите страну из списка');
    await chooseOption(page, 'Страна', 'Росс', 'Россия');
    await save(page);
    const stored = await legacy.card.get();
    expect(stored.migratedFrom).toBeUndefined();
    // The form leaves an empty patronymic out.
    const { middle_name: _none, ...representative } = organization.represented_by;
    expect(stored.data).toEqual({
      ...organization,
      represented_by: representative,
      bank_account: { ...organization.bank_account, currency: 'RUB' },
    });
  }, 180_000);
});
