import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createBusinessClient } from '@cardcoop/sdk/business';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer } from '../support/app-server.js';
import type { AppServer } from '../support/app-server.js';
import { setupBrowser } from '../support/browser.js';
import { signInTo } from '../support/member-sign-in.js';
import { captureScreen } from '../support/screens.js';

const PASSWORD = 'business extended in the browser';

let counter = 0;
const unique = () => `${Date.now().toString(36).slice(-4)}${++counter}`;
const newEmail = () => `extended${unique()}@coop.example`;
const newCoopname = () =>
  `ext${Date.now()
    .toString(36)
    .replace(/[^a-z]/g, '')
    .slice(-6)}${'abcdefghij'[++counter % 10]}`;
const heading = (page: Page, name: string | RegExp) =>
  page.getByRole('heading', { level: 1, name });
const eventually = <T>(value: () => T | Promise<T>) => expect.poll(value, { timeout: 20_000 });
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A field of the page by the start of its label (a required one ends with " *"). */
const field = (page: Page, label: string) =>
  page.getByRole('textbox', { name: new RegExp(`^${escape(label)}`) });

/** A webhook receiver on 127.0.0.1 answering 200 and keeping what it got. */
async function startReceiver() {
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      received.push({ headers: request.headers, body });
      response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/cardcoop`,
    received,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

// The business panel's webhooks and extended-level application (issue 14): an owner adds an
// endpoint (its secret shown once), sends a test event that a local receiver gets, sees it in
// the delivery log with 200 and delivers it again; fills the application (a field refused by
// the server is marked next to it), uploads documents (a renamed executable refused next to its
// input) and submits it.
describe('business panel: webhooks and the extended level', () => {
  let server: AppServer;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    receiver = await startReceiver();
    server = await startAppServer({ env: { WEBHOOK_ALLOW_PRIVATE_TARGETS: '1' } });
  });
  afterAll(async () => {
    await server?.close();
    await receiver?.close();
  });
  const browser = setupBrowser({
    baseURL: () => server.url,
    context: { permissions: ['clipboard-read', 'clipboard-write'] },
  });

  /** A new member who connected a new cooperative (its owner), signed in on `section`. */
  async function ownerOn(page: Page, section: string, displayName: string) {
    const email = newEmail();
    const member = await server.registerMember(email, PASSWORD);
    const coopname = newCoopname();
    const business = createBusinessClient(member);
    await business.claims.connect({ coopname, display_name: displayName });
    await signInTo(page, `/business/${coopname}/${section}`, email, PASSWORD);
    return { coopname, business };
  }

  it('webhooks: adds an endpoint with its secret shown once, sends a test event the receiver gets, sees 200 in the log, delivers it again, replaces the secret after step-up', async () => {
    const { page } = browser;
    const { coopname, business } = await ownerOn(page, 'webhooks', 'ПК Вебхуки');
    await heading(page, 'Вебхуки').waitFor();
    await page.getByText('Адресов пока нет.').waitFor();
    await page.getByRole('link', { name: /docs\/integration\.md/ }).waitFor();

    // Checked in the page first: a plain http:// address elsewhere than localhost, no event.
    await field(page, 'Адрес (URL)').fill('http://hooks.example/cardcoop');
    await page.getByRole('button', { name: 'Добавить адрес' }).click();
    await page.getByText('Адрес должен начинаться с https://').waitFor();
    await page.getByText('Выберите хотя бы одно событие.').waitFor();
    expect(await business.webhooks.list(coopname)).toEqual([]);

    await field(page, 'Адрес (URL)').fill(receiver.url);
    await page.getByRole('checkbox', { name: /grant\.created/ }).check();
    await page.getByRole('checkbox', { name: /membership\.changed/ }).check();
    await page.getByRole('button', { name: 'Добавить адрес' }).click();
    await page.getByRole('heading', { name: 'Секрет подписи' }).waitFor();
    await page.getByRole('button', { name: `Копировать: Секрет подписи ${receiver.url}` }).click();
    await page.getByText('Скопировано').waitFor();
    const secret = await page.evaluate(() => navigator.clipboard.readText());
    expect(secret).toMatch(/^whsec_/);
    // The pointer off the page's links (at 360 px the copy button's place is a navigation link).
    await page.mouse.move(0, 0);
    await captureScreen(page, 'business-webhooks-secret');
    await page.getByRole('button', { name: 'Я сохранил секрет' }).click();
    // Shown once: gone from the page, and the list does not carry it.
    await eventually(() => page.getByText(secret).count()).toBe(0);
    const [endpoint] = await business.webhooks.list(coopname);
    expect(endpoint).toMatchObject({
      url: receiver.url,
      events: ['grant.created', 'membership.changed'],
      status: 'enabled',
    });
    expect(endpoint).not.toHaveProperty('secret');

    const item = page.getByRole('listitem', { name: receiver.url });
    await item.getByText('grant.created, membership.changed').waitFor();
    await item.getByRole('button', { name: 'Отправить тестовое событие' }).click();
    await item.getByText('Тестовое событие поставлено в очередь').waitFor();
    await eventually(() => receiver.received.length).toBe(1);
    const [test] = receiver.received;
    expect(JSON.parse(test!.body)).toMatchObject({ type: 'webhook.test' });
    expect(test!.headers['webhook-signature']).toMatch(/^v1,/);
    const eventId = String(test!.headers['webhook-id']);

    const log = item.getByRole('region', { name: `Журнал доставок: ${receiver.url}` });
    const delivery = log.getByTestId('webhook-delivery');
    await eventually(async () => {
      await log.getByRole('button', { name: 'Обновить' }).click();
      return delivery.first().textContent();
    }).toContain('Код ответа200');
    expect(await delivery.count()).toBe(1);
    expect(await delivery.textContent()).toContain(eventId);
    await captureScreen(page, 'business-webhooks');

    await delivery.getByRole('button', { name: `Доставить ещё раз: ${eventId}` }).click();
    await delivery.getByText('Поставлено в очередь').waitFor();
    // The same event again: the receiver dedupes on its id.
    await eventually(() => receiver.received.length).toBe(2);
    expect(receiver.received[1]!.headers['webhook-id']).toBe(eventId);

    // Events changed in place.
    await item.getByRole('button', { name: 'Изменить' }).click();
    await item.getByRole('checkbox', { name: /membership\.changed/ }).uncheck();
    await item.getByRole('checkbox', { name: /payment\.confirmed/ }).check();
    await item.getByRole('button', { name: 'Сохранить' }).click();
    await item.getByText('grant.created, payment.confirmed').waitFor();
    expect((await business.webhooks.list(coopname))[0]!.events).toEqual([
      'grant.created',
      'payment.confirmed',
    ]);

    // A new secret: asked first, then a fresh proof (step-up: the password, 2FA being off).
    await item.getByRole('button', { name: 'Новый секрет' }).click();
    await page
      .getByRole('dialog', { name: 'Заменить секрет подписи?' })
      .getByRole('button', { name: 'Заменить секрет' })
      .click();
    const stepUp = page.getByRole('dialog', { name: 'Подтвердите, что это вы' });
    await stepUp.getByRole('button', { name: /Подтвердить паролем/ }).click();
    await stepUp.getByLabel('Пароль').fill(PASSWORD);
    await stepUp.getByRole('button', { name: 'Подтвердить', exact: true }).click();
    await page.getByRole('heading', { name: 'Секрет подписи' }).waitFor();
    await page.getByRole('button', { name: `Копировать: Секрет подписи ${receiver.url}` }).click();
    await eventually(() => page.evaluate(() => navigator.clipboard.readText())).not.toBe(secret);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/^whsec_/);
    await page.getByRole('button', { name: 'Я сохранил секрет' }).click();

    // Turned off: no test event to it; deleted after confirming.
    await item.getByRole('button', { name: 'Выключить' }).click();
    await item.getByText('Выключен').waitFor();
    expect(
      await item.getByRole('button', { name: 'Отправить тестовое событие' }).isDisabled(),
    ).toBe(true);
    await item.getByRole('button', { name: 'Удалить' }).click();
    const dialog = page.getByRole('dialog', { name: 'Удалить адрес?' });
    await dialog.getByRole('button', { name: 'Удалить' }).click();
    await page.getByText('Адресов пока нет.').waitFor();
    expect(await business.webhooks.list(coopname)).toEqual([]);
  });

  it('application: a field refused next to it, documents uploaded (a renamed executable refused), what is missing listed, submitted', async () => {
    const { page } = browser;
    const { coopname, business } = await ownerOn(page, 'application', 'ПК Расширение');
    await heading(page, 'Расширенный уровень').waitFor();
    await page.getByTestId('application-status').getByText('Заявки нет', { exact: true }).waitFor();

    // The server's 422 names the field; the page marks it, next to it.
    await field(page, 'ИНН').fill('7707083894');
    await field(page, 'Полное наименование').fill('Потребительский кооператив «Расширение»');
    await page.getByRole('button', { name: 'Сохранить черновик' }).click();
    const inn = field(page, 'ИНН');
    await eventually(() => inn.getAttribute('aria-invalid')).toBe('true');
    const described = (await inn.getAttribute('aria-describedby')) ?? '';
    const errorText = await page
      .locator(
        described
          .split(' ')
          .map((id) => `[id="${id}"]`)
          .join(', '),
      )
      .allTextContents();
    expect(errorText.join(' ')).toContain('ИНН организации: 10 цифр');
    expect((await business.applications.get(coopname)).application).toBeNull();
    await captureScreen(page, 'business-application-error');

    const form: [string, string][] = [
      ['ИНН', '7707083893'],
      ['Сокращённое наименование', 'ПК «Расширение»'],
      ['ОГРН', '1027700132195'],
      ['КПП', '773601001'],
      ['Юридический адрес', 'г. Москва, ул. Ленина, д. 1'],
      ['Фактический адрес', 'г. Москва, ул. Ленина, д. 1'],
      ['Фамилия', 'Иванов'],
      ['Имя', 'Иван'],
      ['Телефон', '8 916 123-45-67'],
      ['Электронная почта', 'chair@extended.example'],
      ['Банк', 'ПАО Сбербанк'],
      ['БИК', '044525225'],
      ['Расчётный счёт', '40702810938000000001'],
      ['Ожидаемый оборот в месяц, ₽', '1500000'],
      ['Число пайщиков', '120'],
      ['Для чего кооперативу виртуальные карты', 'Оплата зарубежных сервисов пайщиками'],
    ];
    for (const [label, value] of form) await field(page, label).fill(value);
    await page.getByRole('button', { name: 'Сохранить черновик' }).click();
    await page.getByRole('status').getByText('Черновик сохранён').waitFor();
    expect(await inn.getAttribute('aria-invalid')).not.toBe('true');
    const saved = (await business.applications.get(coopname)).application;
    expect(saved).toMatchObject({ status: 'draft' });
    expect(saved!.form).toMatchObject({
      inn: '7707083893',
      members_count: 120,
      phone: '+79161234567',
    });

    // Someone else saves first: the page's save on the old revision is refused (409), the
    // fresh application is loaded and said so.
    await business.applications.save(coopname, {
      expected_revision: saved!.revision,
      form: { ...saved!.form, short_name: 'ПК «Другой»' },
    });
    await field(page, 'Число пайщиков').fill('130');
    await page.getByRole('button', { name: 'Сохранить черновик' }).click();
    await page.getByRole('alert').getByText('Заявку изменил кто-то другой').waitFor();
    await eventually(() => field(page, 'Сокращённое наименование').inputValue()).toBe(
      'ПК «Другой»',
    );
    expect(await field(page, 'Число пайщиков').inputValue()).toBe('120');
    expect((await business.applications.get(coopname)).application!.form.members_count).toBe(120);

    // Submitting without the documents: the server's list, each a link to what is missing.
    await page.getByRole('button', { name: 'Отправить оператору' }).click();
    const missing = page.getByRole('alert').filter({ hasText: 'Заявка не полная' });
    await missing.getByRole('link', { name: 'Устав' }).waitFor();
    await missing.getByRole('link', { name: 'Выписка из ЕГРЮЛ' }).click();
    const egrul = page.getByRole('listitem', { name: 'Выписка из ЕГРЮЛ' });
    await eventually(() => egrul.evaluate((row) => row === document.activeElement)).toBe(true);

    const upload = async (kind: string, name: string, buffer: Buffer) => {
      const chooser = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: `Загрузить файл: ${kind}` }).click();
      await (await chooser).setFiles({ name, mimeType: 'application/pdf', buffer });
    };
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2048, 0x20)]);
    await upload('Устав', 'Устав.pdf', pdf);
    const charter = page.getByRole('listitem', { name: 'Устав' });
    await eventually(() => charter.getByTestId('document-charter').textContent()).toContain(
      'Устав.pdf',
    );

    // Downloaded under its name; deleted after confirming, then attached again.
    const downloading = page.waitForEvent('download');
    await charter.getByRole('button', { name: 'Скачать: Устав' }).click();
    expect((await downloading).suggestedFilename()).toBe('Устав.pdf');
    await charter.getByRole('button', { name: 'Удалить: Устав' }).click();
    await page
      .getByRole('dialog', { name: 'Удалить документ?' })
      .getByRole('button', { name: 'Удалить' })
      .click();
    await eventually(() => charter.getByTestId('document-charter').textContent()).toBe(
      'Не загружен',
    );
    await upload('Устав', 'Устав.pdf', pdf);
    await eventually(() => charter.getByTestId('document-charter').textContent()).toContain(
      'Устав.pdf',
    );

    // An executable named .pdf: the server sniffs the bytes and refuses it, said in its row.
    await upload(
      'Выписка из ЕГРЮЛ',
      'x.pdf',
      Buffer.concat([Buffer.from('MZ'), Buffer.alloc(1024)]),
    );
    await egrul.getByRole('alert').getByText('Файл не принят').waitFor();
    expect(await egrul.getByTestId('document-egrul_extract').textContent()).toBe('Не загружен');
    await captureScreen(page, 'business-application-documents');

    await upload('Выписка из ЕГРЮЛ', 'Выписка.pdf', pdf);
    await eventually(() => egrul.getByTestId('document-egrul_extract').textContent()).toContain(
      'Выписка.pdf',
    );
    const documents = (await business.applications.get(coopname)).application!.documents;
    expect(documents.map((document) => document.kind).sort()).toEqual(['charter', 'egrul_extract']);

    await page.getByRole('button', { name: 'Отправить оператору' }).click();
    await page
      .getByTestId('application-status')
      .getByText('На проверке', { exact: true })
      .waitFor();
    expect((await business.applications.get(coopname)).application).toMatchObject({
      status: 'submitted',
    });
    // Under review nothing is editable.
    expect(await page.getByRole('button', { name: 'Сохранить черновик' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Загрузить файл/ }).count()).toBe(0);
    await captureScreen(page, 'business-application');
  });
  it('a viewer reads the endpoints, their log and the application, with nothing to change them', async () => {
    const ownerEmail = newEmail();
    const owner = createBusinessClient(await server.registerMember(ownerEmail, PASSWORD));
    const coopname = newCoopname();
    await owner.claims.connect({ coopname, display_name: 'ПК Наблюдение' });
    await owner.webhooks.create(coopname, { url: receiver.url, events: ['grant.revoked'] });
    await owner.applications.save(coopname, {
      expected_revision: 0,
      form: { full_name: 'Потребительский кооператив «Наблюдение»', members_count: 42 },
    });
    const viewerEmail = newEmail();
    const viewer = await server.registerMember(viewerEmail, PASSWORD);
    await owner.staff.invite(coopname, { email: viewerEmail, role: 'viewer' });
    let token = '';
    await eventually(async () => {
      const mails = JSON.stringify(await server.mailsTo(viewerEmail));
      token = /\/business\/invitations\/([A-Za-z0-9_-]+)/.exec(mails)?.[1] ?? '';
      return token;
    }).not.toBe('');
    await createBusinessClient(viewer).staff.accept(token);

    const { page } = browser;
    await signInTo(page, `/business/${coopname}/webhooks`, viewerEmail, PASSWORD);
    await heading(page, 'Вебхуки').waitFor();
    await page.getByText('У вас роль наблюдателя').waitFor();
    const item = page.getByRole('listitem', { name: receiver.url });
    await item.getByText('grant.revoked').waitFor();
    await item.getByRole('button', { name: 'Журнал доставок' }).click();
    await item.getByText('Доставок пока нет.').waitFor();
    for (const name of ['Изменить', 'Отправить тестовое событие', 'Новый секрет', 'Удалить'])
      expect(await item.getByRole('button', { name }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Добавить адрес' }).count()).toBe(0);

    await page
      .getByRole('navigation', { name: 'Разделы кооператива' })
      .getByRole('link', { name: 'Расширенный уровень', exact: true })
      .click();
    await heading(page, 'Расширенный уровень').waitFor();
    await page.getByText('вы видите заявку, но не можете её менять').waitFor();
    await eventually(() => field(page, 'Число пайщиков').inputValue()).toBe('42');
    expect(await field(page, 'Число пайщиков').isEditable()).toBe(false);
    expect(await page.getByRole('button', { name: 'Сохранить черновик' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Загрузить файл/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Отправить оператору' }).count()).toBe(0);
    // The pointer off the navigation link it clicked (its hover shade is not the page's look).
    await page.mouse.move(0, 0);
    await captureScreen(page, 'business-application-viewer');
  });
  it('application: the owner’s organization card fills in the empty fields, what was typed stays', async () => {
    const email = newEmail();
    const member = await server.registerMember(email, PASSWORD);
    await member.card.issue({
      kind: 'organization',
      type: 'coop',
      short_name: 'ПК «Карточка»',
      full_name: 'Потребительский кооператив «Карточка»',
      represented_by: {
        last_name: 'Петров',
        first_name: 'Пётр',
        position: 'Председатель совета',
        based_on: 'Устав',
      },
      country: 'RU',
      city: 'Москва',
      full_address: 'г. Москва, ул. Ленина, д. 5',
      fact_address: 'г. Москва, ул. Ленина, д. 5',
      phone: '+74951234567',
      email: 'info@card.example',
      details: { inn: '7707083893', ogrn: '1027700132195', kpp: '773601001' },
      bank_account: {
        currency: 'RUB',
        bank_name: 'ПАО Сбербанк',
        account_number: '40702810938000000001',
        details: { bik: '044525225', corr: '30101810400000000225' },
      },
    });
    const coopname = newCoopname();
    const business = createBusinessClient(member);
    await business.claims.connect({ coopname, display_name: 'ПК Карточка' });
    const { page } = browser;
    await signInTo(page, `/business/${coopname}/application`, email, PASSWORD);
    await heading(page, 'Расширенный уровень').waitFor();
    await field(page, 'Сокращённое наименование').fill('ПК «Своё»');
    await page.getByRole('button', { name: 'Заполнить из моей карточки организации' }).click();
    await page.getByText('Пустые поля заполнены из карточки').waitFor();
    expect(await field(page, 'ИНН').inputValue()).toBe('7707083893');
    expect(await field(page, 'Фамилия').inputValue()).toBe('Петров');
    expect(await field(page, 'Расчётный счёт').inputValue()).toBe('40702810938000000001');
    expect(await field(page, 'Сокращённое наименование').inputValue()).toBe('ПК «Своё»');
    await page.getByRole('button', { name: 'Сохранить черновик' }).click();
    await page.getByRole('status').getByText('Черновик сохранён').waitFor();
    expect((await business.applications.get(coopname)).application!.form).toMatchObject({
      short_name: 'ПК «Своё»',
      full_name: 'Потребительский кооператив «Карточка»',
      ogrn: '1027700132195',
      bik: '044525225',
    });
  });
});
