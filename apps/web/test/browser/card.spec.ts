import { CARD_SCHEMA_ID } from '@cardcoop/contracts';
import {
  CARD_FORMAT_VERSION,
  CardCoopError,
  createClient,
  sealEnvelope,
  utf8Encode,
} from '@cardcoop/sdk';
import type { MemberClient } from '@cardcoop/sdk';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { individual } from '../../../../packages/sdk/src/testing/card-fixtures.js';
import { POLICY_VERSION, TEST_KSF } from '../../../server/test/support/raw-member.js';
import { startAppServer } from '../support/app-server.js';
import type { AppServer } from '../support/app-server.js';
import { setupBrowser, ZOD_EVAL_PROBE } from '../support/browser.js';
import { choice, chooseOption, errorAt, field, typedDate } from '../support/card-form.js';
import { captureScreen } from '../support/screens.js';

const EMAIL = 'card.browser@coop.example';
const PASSWORD = 'a card in the browser';

const activeId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');
const activeText = (page: Page) => page.evaluate(() => document.activeElement?.textContent ?? '');

async function signIn(page: Page, next: string): Promise<void> {
  await page.goto(`/id/login?${new URLSearchParams({ next })}`);
  await field(page, 'Адрес электронной почты').fill(EMAIL);
  await field(page, 'Пароль').fill(PASSWORD);
  await page.getByRole('button', { name: 'Войти' }).click();
  await page.waitForURL(`**${next}`);
}

/** Types the `individual` fixture into the form as a member would (digits only where masked). */
async function fillValidIndividual(page: Page): Promise<void> {
  const { passport } = individual;
  await field(page, 'Имя').fill(individual.first_name);
  await field(page, 'Фамилия').fill(individual.last_name);
  await field(page, 'Отчество').fill(individual.middle_name!);
  await field(page, 'Дата рождения').fill(typedDate(individual.birthdate));
  await field(page, 'Адрес регистрации').fill(individual.full_address!);
  // As people write Russian numbers: stored as E.164 once the field is left.
  await field(page, 'Телефон').fill('8 999 123-45-67');
  await field(page, 'Электронная почта').fill(individual.email);
  await field(page, 'Серия').fill(passport!.series);
  await field(page, 'Номер').fill(passport!.number);
  await field(page, 'Кем выдан').fill(passport!.issued_by);
  await field(page, 'Дата выдачи').fill(typedDate(passport!.issued_at));
  await field(page, 'Код подразделения').fill(passport!.code.replace('-', ''));
}

// The card vault and the cooperative accounts in Chromium: the member signs in through the UI
// (registered through the SDK in Node, which also checks what the server ends up holding).
describe('the member card and cooperative accounts', () => {
  let server: AppServer;
  let member: MemberClient;

  const createCooperative = async (coopname: string, displayName: string) => {
    const response = await fetch(`${server.url}/api/v1/admin/cooperatives`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${server.adminApiKey}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ coopname, display_name: displayName }),
    });
    if (!response.ok) throw new Error(`create cooperative: ${response.status}`);
  };

  beforeAll(async () => {
    server = await startAppServer();
    await createCooperative('voskhod', 'ПК ВОСХОД');
    member = await server.registerMember(EMAIL, PASSWORD);
  });
  afterAll(async () => {
    await member?.logout().catch(() => undefined);
    await server?.close();
  });
  const browser = setupBrowser({ baseURL: () => server.url, allow: [ZOD_EVAL_PROBE] });

  it('creates a card: bad values stay in the form with a message at each field, good ones are saved and come back after a reload behind the password', async () => {
    const { page } = browser;
    await signIn(page, '/id/card');
    await page.getByRole('heading', { name: 'У вас ещё нет карты' }).waitFor();
    await captureScreen(page, 'id-card-empty');

    await page.getByRole('button', { name: 'Создать карту' }).click();
    await page.getByRole('heading', { name: 'Новая карта' }).waitFor();
    expect(await activeText(page)).toBe('Новая карта');
    for (const [kind, name] of [
      ['Индивидуальный предприниматель', 'id-card-form-entrepreneur'],
      ['Организация', 'id-card-form-organization'],
      ['Физическое лицо', 'id-card-form-individual'],
    ] as const) {
      await page.getByRole('radio', { name: kind }).check();
      await captureScreen(page, name);
    }
    expect(await field(page, 'Фамилия').getAttribute('required')).not.toBeNull();
    // The passport is optional: nothing in it is required until the member starts on it.
    expect(await field(page, 'Серия').getAttribute('required')).toBeNull();

    // On blur, before any save.
    await field(page, 'Электронная почта').fill('not-an-email');
    await field(page, 'Электронная почта').press('Tab');
    expect(await errorAt(page, 'Электронная почта')).toBe('Неверный адрес электронной почты');

    await field(page, 'Имя').fill('Иван');
    await field(page, 'Дата рождения').fill('01.01.2099');
    // A London number without +44: never read as another country's number silently.
    await field(page, 'Телефон').fill('20 7183 8750');
    await field(page, 'Серия').fill('45');
    expect(await field(page, 'Телефон').inputValue()).toBe('20 7183 8750');
    expect(await field(page, 'Серия').getAttribute('required')).not.toBeNull();
    await page.getByRole('button', { name: 'Сохранить карту' }).click();

    await page.getByRole('alert').filter({ hasText: 'Карта не сохранена' }).waitFor();
    expect(await activeId(page)).toBe('card-field-last_name');
    expect(await errorAt(page, 'Фамилия')).toBe('Обязательное поле');
    expect(await errorAt(page, 'Дата рождения')).toBe('Дата рождения не может быть в будущем');
    expect(await errorAt(page, 'Телефон')).toBe(
      'Телефон в международном формате, например +79991234567',
    );
    expect(await errorAt(page, 'Серия')).toBe('Серия паспорта — 4 цифры');
    expect(await errorAt(page, 'Номер')).toBe('Обязательное поле');
    expect(await field(page, 'Фамилия').getAttribute('aria-invalid')).toBe('true');
    await captureScreen(page, 'id-card-form-errors');
    // Nothing reached the server.
    const missing = await member.card.get().catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(CardCoopError);
    expect((missing as CardCoopError).code).toBe('NOT_FOUND');

    await fillValidIndividual(page);
    expect(await field(page, 'Телефон').inputValue()).toBe('+79991234567');
    expect(await field(page, 'Код подразделения').inputValue()).toBe('772-053');
    await page.getByRole('button', { name: 'Сохранить карту' }).click();
    await page.getByRole('status').filter({ hasText: 'Карта сохранена.' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Ваша карта' }).isVisible()).toBe(true);
    expect(await activeText(page)).toBe('Ваша карта');
    expect(await page.getByText('+7 999 123-45-67').isVisible()).toBe(true);
    expect(await page.getByText('12 апреля 1990 г.').isVisible()).toBe(true);
    await captureScreen(page, 'id-card-summary');

    // In the schema's formats on the server, under the member's key.
    const stored = await member.card.get();
    expect(stored.revision).toBe(1);
    expect(stored.data).toEqual(individual);

    await page.reload();
    await page.getByRole('heading', { name: 'Карта заблокирована' }).waitFor();
    await field(page, 'Пароль').fill(PASSWORD);
    await page.getByRole('button', { name: 'Открыть' }).click();
    await page.getByRole('heading', { name: 'Ваша карта' }).waitFor();
    expect(await page.getByText('Петров').isVisible()).toBe(true);
  }, 240_000);

  it('refuses to save over a version another tab saved first, and offers the latest one', async () => {
    const { page, context } = browser;
    await signIn(page, '/id/card');
    await page.getByRole('button', { name: 'Изменить карту' }).click();
    await page.getByRole('heading', { name: 'Изменение карты' }).waitFor();
    expect(await field(page, 'Телефон').inputValue()).toBe('+79991234567');

    const other = await context.newPage();
    await other.goto('/id/card');
    await field(other, 'Пароль').fill(PASSWORD);
    await other.getByRole('button', { name: 'Открыть' }).click();
    await other.getByRole('button', { name: 'Изменить карту' }).click();
    await field(other, 'Адрес регистрации').fill('г. Москва, ул. Арбат, д. 10');
    await other.getByRole('button', { name: 'Сохранить карту' }).click();
    await other.getByRole('status').filter({ hasText: 'Карта сохранена.' }).waitFor();
    await other.close();

    await field(page, 'Телефон').fill('+7 999 765-43-21');
    await page.getByRole('button', { name: 'Сохранить карту' }).click();
    const conflict = page
      .getByRole('alert')
      .filter({ hasText: 'Карта изменилась в другой вкладке или на другом устройстве' });
    await conflict.waitFor();
    await captureScreen(page, 'id-card-conflict');
    const stored = await member.card.get();
    expect(stored.revision).toBe(2);
    expect(stored.data.phone).toBe('+79991234567');
    expect(stored.data.full_address).toBe('г. Москва, ул. Арбат, д. 10');

    await conflict.getByRole('button', { name: 'Загрузить последнюю версию' }).click();
    await page.getByText('г. Москва, ул. Арбат, д. 10').waitFor();
    expect(await page.getByRole('button', { name: 'Изменить карту' }).isVisible()).toBe(true);
  }, 120_000);

  it('reads a phone number as people write it and stores it as E.164', async () => {
    const { page } = browser;
    await signIn(page, '/id/card');
    await page.getByRole('button', { name: 'Изменить карту' }).click();
    const phone = field(page, 'Телефон');
    for (const typed of [
      '8 916 123-45-67',
      '9161234567',
      '+7 (916) 123-45-67',
      '7 916 123 45 67',
      '8(916)1234567',
    ]) {
      await phone.fill(typed);
      await phone.press('Tab');
      expect(await phone.inputValue(), typed).toBe('+79161234567');
    }
    // Not Russian and without a country code: an error, not some other country's number.
    for (const typed of ['20 7183 8750', '14155552671', '916 123 45']) {
      await phone.fill(typed);
      await phone.press('Tab');
      expect(await phone.inputValue()).toBe(typed);
      expect(await errorAt(page, 'Телефон')).toBe(
        'Телефон в международном формате, например +79991234567',
      );
    }
    await phone.fill('+44 20 7183 8750');
    await phone.press('Tab');
    expect(await phone.inputValue()).toBe('+442071838750');
    // Saved straight after typing, without leaving the field: stored as E.164 all the same.
    await phone.fill('8 916 123-45-67');
    await page.getByRole('button', { name: 'Сохранить карту' }).click();
    await page.getByRole('status').filter({ hasText: 'Карта сохранена.' }).waitFor();
    expect((await member.card.get()).data.phone).toBe('+79161234567');
    expect(await page.getByText('+7 916 123-45-67', { exact: true }).isVisible()).toBe(true);
  }, 120_000);

  it('edits the card of an organization with masked numbers', async () => {
    const { page } = browser;
    await signIn(page, '/id/card');
    await page.getByRole('button', { name: 'Изменить карту' }).click();
    await page.getByRole('radio', { name: 'Организация' }).check();
    await field(page, 'Организационно-правовая форма').selectOption('coop');
    await field(page, 'Краткое наименование').fill('ПК «Восход»');
    await field(page, 'Полное наименование').fill('Потребительский кооператив «Восход»');
    await field(page, 'Должность').fill('Председатель совета');
    await field(page, 'Действует на основании').fill('Устав');
    // An organization's only names are its representative's.
    await field(page, 'Имя').fill('Пётр');
    await field(page, 'Фамилия').fill('Иванов');
    await chooseOption(page, 'Страна', 'Росс', 'Россия');
    await field(page, 'Город').fill('Москва');
    await field(page, 'ИНН').fill('7707083893');
    await field(page, 'ОГРН').fill('1027700132195');
    // One KPP, the organization's: the bank details do not ask for another.
    await field(page, 'КПП').fill('773601001');
    expect(await choice(page, 'Валюта').inputValue()).toBe('RUB — российский рубль');
    await field(page, 'Банк').fill('ПАО Сбербанк');
    await field(page, 'Расчётный счёт').fill('40702810938000000001');
    expect(await field(page, 'Расчётный счёт').inputValue()).toBe('40702 810 9 3800 0000001');
    await field(page, 'БИК').fill('044525225');
    await field(page, 'Корреспондентский счёт').fill('30101810400000000225');
    await page.getByRole('button', { name: 'Сохранить карту' }).click();
    await page.getByRole('status').filter({ hasText: 'Карта сохранена.' }).waitFor();
    const stored = await member.card.get();
    expect(stored.data).toMatchObject({
      kind: 'organization',
      type: 'coop',
      details: { inn: '7707083893', ogrn: '1027700132195', kpp: '773601001' },
      represented_by: { first_name: 'Пётр', last_name: 'Иванов' },
      country: 'RU',
      phone: '+79161234567',
      bank_account: {
        currency: 'RUB',
        bank_name: 'ПАО Сбербанк',
        account_number: '40702810938000000001',
        details: { bik: '044525225', corr: '30101810400000000225' },
      },
    });
    await captureScreen(page, 'id-card-summary-organization');
    expect(await page.getByText('Потребительский кооператив', { exact: true }).isVisible()).toBe(
      true,
    );
  }, 120_000);

  // The browser speaks American English; the page is Russian: dates are typed дд.мм.гггг.
  describe('in a browser whose locale is en-US', () => {
    const american = setupBrowser({
      baseURL: () => server.url,
      allow: [ZOD_EVAL_PROBE],
      context: { locale: 'en-US', timezoneId: 'America/New_York' },
    });

    it('enters dates as дд.мм.гггг on the Russian page, stores them as YYYY-MM-DD and shows them in words in either language', async () => {
      const { page } = american;
      await signIn(page, '/id/card');
      expect(await page.evaluate(() => navigator.language)).toBe('en-US');
      await page.getByRole('button', { name: 'Изменить карту' }).click();
      await page.getByRole('radio', { name: 'Физическое лицо' }).check();
      const birthdate = field(page, 'Дата рождения');
      expect(await birthdate.getAttribute('type')).not.toBe('date');
      expect(await birthdate.getAttribute('placeholder')).toBe('дд.мм.гггг');

      // Not a day: the message speaks of the format the member types.
      await birthdate.pressSequentially('31021986');
      expect(await birthdate.inputValue()).toBe('31.02.1986');
      await birthdate.press('Tab');
      expect(await errorAt(page, 'Дата рождения')).toBe(
        'Дата в виде дд.мм.гггг, и такой день должен существовать',
      );

      await fillValidIndividual(page);
      await birthdate.fill('');
      await birthdate.pressSequentially('12051986');
      expect(await birthdate.inputValue()).toBe('12.05.1986');
      await page.getByRole('button', { name: 'Сохранить карту' }).click();
      await page.getByRole('status').filter({ hasText: 'Карта сохранена.' }).waitFor();
      const stored = await member.card.get();
      expect(stored.data).toMatchObject({ kind: 'individual', birthdate: '1986-05-12' });
      expect(await page.getByText('12 мая 1986 г.', { exact: true }).isVisible()).toBe(true);
      expect(await page.getByText('+7 999 123-45-67', { exact: true }).isVisible()).toBe(true);

      // Back in the form, the stored date is shown the way it is typed.
      await page.getByRole('button', { name: 'Изменить карту' }).click();
      expect(await field(page, 'Дата рождения').inputValue()).toBe('12.05.1986');
      expect(await field(page, 'Дата выдачи').inputValue()).toBe('20.05.2010');
      await page.getByRole('button', { name: 'Отмена' }).click();

      await page.locator('label', { hasText: 'English' }).click();
      await page.getByRole('heading', { name: 'Your card' }).waitFor();
      expect(await page.getByText('12 May 1986', { exact: true }).isVisible()).toBe(true);
      expect(await page.getByText('20 May 2010', { exact: true }).isVisible()).toBe(true);
      await page.locator('label', { hasText: 'Русский' }).click();
      await page.getByRole('heading', { name: 'Ваша карта' }).waitFor();
    }, 120_000);
  });

  it('shows a phone stored before numbers were normalized with a warning to fix it, in the card and at the field', async () => {
    const { page } = browser;
    // Another member whose card an older client sealed with a phone as typed.
    const email = 'card.legacy@coop.example';
    const client = createClient({ baseUrl: server.url, language: 'ru' });
    await client.auth.startRegistration({ email, privacyVersion: POLICY_VERSION });
    const session = await client.auth.completeRegistration({
      email,
      code: await server.latestCode(email),
      password: PASSWORD,
      ksf: TEST_KSF,
    });
    const legacy = client.member(session);
    // The member saved the Recovery Kit (as the registration screen records).
    await legacy.recoveryKit.confirm();
    const meta = { version: CARD_FORMAT_VERSION, schema: CARD_SCHEMA_ID, kind: 'individual' };
    const card = await sealEnvelope({
      key: session.userKey.key,
      kid: session.userKey.version,
      plaintext: utf8Encode(JSON.stringify({ ...individual, phone: '8 (916) 123-45-67' })),
      context: { purpose: 'card', user_id: session.tokens.user_id, record_id: 'card', meta },
    });
    await legacy.session.request('/api/v1/card/issue', { method: 'POST', body: { card, meta } });

    await page.goto(`/id/login?${new URLSearchParams({ next: '/id/card' })}`);
    await field(page, 'Адрес электронной почты').fill(email);
    await field(page, 'Пароль').fill(PASSWORD);
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.getByRole('heading', { name: 'Ваша карта' }).waitFor();
    expect(await page.getByText('8 (916) 123-45-67').isVisible()).toBe(true);
    const inView = 'Номер сохранён не в международном формате: исправьте его в карте.';
    expect(await page.getByText(inView).isVisible()).toBe(true);
    await captureScreen(page, 'id-card-summary-phone-warning');

    await page.getByRole('button', { name: 'Изменить карту' }).click();
    const phone = field(page, 'Телефон');
    expect(await phone.inputValue()).toBe('8 (916) 123-45-67');
    const described = (await phone.getAttribute('aria-describedby')) ?? '';
    const description = await page.locator(`[id="${described.split(' ')[0]}"]`).textContent();
    expect(description).toBe(
      'Номер сохранён не в международном формате (+7…): проверьте и исправьте его.',
    );
    await phone.press('Tab');
    expect(await phone.inputValue()).toBe('+79161234567');
    expect(await page.getByText('проверьте и исправьте его').count()).toBe(0);
    await page.getByRole('button', { name: 'Сохранить карту' }).click();
    await page.getByRole('status').filter({ hasText: 'Карта сохранена.' }).waitFor();
    expect((await legacy.card.get()).data.phone).toBe('+79161234567');
    expect(await page.getByText(inView).count()).toBe(0);
    await legacy.logout();
  }, 120_000);

  it('opens an account in a cooperative, with its key made in the browser', async () => {
    const { page } = browser;
    await createCooperative('zarya', 'ПК ЗАРЯ');
    await signIn(page, '/id/accounts');
    await page.getByText('У вас пока нет аккаунтов').waitFor();
    await captureScreen(page, 'id-accounts-empty');

    await page.getByRole('button', { name: 'Открыть аккаунт в кооперативе «ПК ВОСХОД»' }).click();
    await page.getByRole('status').filter({ hasText: 'Аккаунт в «ПК ВОСХОД» открыт.' }).waitFor();
    const heading = page.getByRole('heading', { name: 'ПК ВОСХОД' });
    await heading.waitFor();
    expect(await heading.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await page.getByText('Ожидает подтверждения').isVisible()).toBe(true);
    const [account] = await member.card.listAccounts();
    expect(account).toMatchObject({ coopname: 'voskhod', membership: 'applicant' });
    expect(await page.getByText(account!.username, { exact: true }).isVisible()).toBe(true);
    expect(await account!.privateKey()).toMatch(/^5/);
    await captureScreen(page, 'id-accounts');

    // Opened elsewhere meanwhile: the member is told, and the lists catch up.
    await member.card.createAccount('zarya');
    await page.getByRole('button', { name: 'Открыть аккаунт в кооперативе «ПК ЗАРЯ»' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'У вас уже есть аккаунт в этом кооперативе.' })
      .waitFor();
    await page.getByRole('heading', { name: 'ПК ЗАРЯ' }).waitFor();
    expect(
      await page.getByText('Других кооперативов, где можно открыть аккаунт, пока нет.').isVisible(),
    ).toBe(true);
  }, 180_000);
});
