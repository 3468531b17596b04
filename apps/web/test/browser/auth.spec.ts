import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createClient } from '@cardcoop/sdk';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base32Decode, codeAt, stepAt } from '../../../server/src/modules/totp/totp.js';
import { startAppServer } from '../support/app-server.js';
import type { AppServer } from '../support/app-server.js';
import { setupBrowser, ZOD_EVAL_PROBE } from '../support/browser.js';
import { ARTIFACTS, captureScreen } from '../support/screens.js';

const PASSWORD = 'осенний-кооператив-42';
const NEW_PASSWORD = 'zimnyaya-lodka-plyvet-7';

let counter = 0;
const newEmail = () => `member${Date.now()}-${++counter}@coop.example`;

const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { name });

/** The recovery key shown on the kit screen, and the group the confirmation asks for. */
async function readKit(page: Page): Promise<string> {
  const key = await page.locator('figure p').textContent();
  const groups = (key ?? '').trim().split(/\s+/);
  expect(groups).toHaveLength(7);
  return groups.join('-');
}

/** Saves the kit as the member does, and retypes the group asked for. */
async function confirmKit(page: Page, recoveryKey: string): Promise<void> {
  await page.getByRole('button', { name: 'Я сохранил(а) ключ' }).click();
  await heading(page, 'Проверим, что ключ сохранён').waitFor();
  const text = await page.getByText(/Введите группу \d+ из 7/).textContent();
  const group = Number(/группу (\d+)/.exec(text ?? '')?.[1]);
  await page.getByLabel(`Группа ${group}`).fill(recoveryKey.split('-')[group - 1]!.toLowerCase());
  await page.getByRole('button', { name: 'Подтвердить' }).click();
}

describe('the member’s account screens', () => {
  let server: AppServer;
  beforeAll(async () => {
    server = await startAppServer();
  });
  afterAll(async () => {
    await server?.close();
  });
  const browser = setupBrowser({ baseURL: () => server.url, allow: [ZOD_EVAL_PROBE] });

  /** Registers through the UI (no screenshots); returns the recovery key. */
  async function register(page: Page, email: string, password = PASSWORD): Promise<string> {
    await page.goto('/id/register');
    await page.getByLabel('Адрес электронной почты').fill(email);
    await page.getByRole('checkbox', { name: /принимаю/ }).check();
    await page.getByRole('button', { name: 'Получить код' }).click();
    // The code step shows once the server has answered, and so has sent the mail.
    const codeField = page.getByLabel('Код из письма');
    await codeField.waitFor();
    await codeField.fill(await server.latestCode(email));
    await page.getByLabel('Новый пароль').fill(password);
    await page.getByLabel('Повторите пароль').fill(password);
    await page.getByRole('button', { name: 'Создать карту' }).click();
    await heading(page, 'Ваш ключ восстановления').waitFor();
    const recoveryKey = await readKit(page);
    await confirmKit(page, recoveryKey);
    await page.waitForURL('**/member');
    return recoveryKey;
  }

  async function login(page: Page, email: string, password: string, trust = false) {
    await page.getByLabel('Адрес электронной почты').fill(email);
    await page.getByLabel(/^Пароль/).fill(password);
    if (trust) await page.getByRole('checkbox', { name: 'Доверять этому устройству' }).check();
    await page.getByRole('button', { name: 'Войти' }).click();
  }

  async function logout(page: Page) {
    await page.getByRole('button', { name: 'Выйти' }).click();
    await page.waitForURL('**/id/login');
  }

  it('registers with the mailed code, saves and confirms the Recovery Kit, lands on the home', async () => {
    const { page } = browser;
    const email = newEmail();
    await page.goto('/id/register');
    await page.getByRole('region', { name: 'Политика конфиденциальности CARD.COOP' }).waitFor();
    await captureScreen(page, 'id-register');

    // Consent is required, and a bad address is refused next to the field.
    await page.getByLabel('Адрес электронной почты').fill('not-an-address');
    await page.getByRole('button', { name: 'Получить код' }).click();
    await expect
      .poll(() => page.getByLabel('Адрес электронной почты').getAttribute('aria-invalid'))
      .toBe('true');
    await page.getByLabel('Адрес электронной почты').fill(email);
    await page.getByRole('button', { name: 'Получить код' }).click();
    await page.getByText('Чтобы продолжить, примите политику конфиденциальности.').waitFor();
    expect(await server.mailsTo(email)).toHaveLength(0);

    await page.getByRole('checkbox', { name: /принимаю/ }).check();
    await page.getByRole('button', { name: 'Получить код' }).click();
    await heading(page, 'Подтвердите адрес и придумайте пароль').waitFor();
    // Focus moves to the new step's first field.
    expect(
      await page.getByLabel('Код из письма').evaluate((field) => field === document.activeElement),
    ).toBe(true);
    await page.getByText(/Отправить код ещё раз можно через \d+ с/).waitFor();

    // A common password is refused; a wrong code lands under the code.
    await page.getByLabel('Код из письма').fill('000000');
    await page.getByLabel('Новый пароль').fill('password123');
    await page.getByLabel('Повторите пароль').fill('password123');
    await page.getByRole('button', { name: 'Создать карту' }).click();
    await page.getByText('Этот пароль слишком распространён').waitFor();
    await page.getByLabel('Новый пароль').fill(PASSWORD);
    await page.getByLabel('Повторите пароль').fill(PASSWORD);
    expect(
      await page.getByRole('meter', { name: 'Надёжность пароля' }).getAttribute('aria-valuenow'),
    ).toMatch(/^[34]$/);
    await captureScreen(page, 'id-register-credentials');
    await page.getByRole('button', { name: 'Создать карту' }).click();
    await page.getByText('Код не подходит').waitFor();
    expect(await page.getByLabel('Код из письма').getAttribute('aria-invalid')).toBe('true');

    // The code step shows once the server has sent the mail.

    await page.getByLabel('Код из письма').waitFor();

    await page.getByLabel('Код из письма').fill(await server.latestCode(email));
    await page.getByRole('button', { name: 'Создать карту' }).click();
    await page.getByRole('status').getByText('Готовим ключи шифрования').waitFor();
    await heading(page, 'Ваш ключ восстановления').waitFor();
    const recoveryKey = await readKit(page);
    await captureScreen(page, 'id-register-kit');

    // The printable page: the key in groups, the account, both languages, no script.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Скачать страницу для печати' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^cardcoop-recovery-key-\d{4}-\d{2}-\d{2}\.html$/);
    const kit = readFileSync((await download.path())!, 'utf8');
    for (const group of recoveryKey.split('-')) expect(kit).toContain(`<span>${group}</span>`);
    expect(kit).toContain(email);
    expect(kit).toContain('Ключ восстановления CARD.COOP');
    expect(kit).toContain('CARD.COOP recovery key');
    expect(kit).not.toMatch(/<script|\son\w+=/i);
    const printable = await browser.context.newPage();
    await printable.setContent(kit);
    await printable.emulateMedia({ media: 'print' });
    await printable.screenshot({
      path: path.join(ARTIFACTS, 'screenshots', 'id-recovery-kit-document.png'),
      fullPage: true,
    });
    await printable.close();

    await page.getByRole('button', { name: 'Я сохранил(а) ключ' }).click();
    await heading(page, 'Проверим, что ключ сохранён').waitFor();
    await captureScreen(page, 'id-register-kit-confirm');
    const text = await page.getByText(/Введите группу \d+ из 7/).textContent();
    const group = Number(/группу (\d+)/.exec(text ?? '')?.[1]);
    const wrong = recoveryKey.split('-')[group % 7]!;
    const input = page.getByLabel(`Группа ${group}`);
    await input.fill(wrong === recoveryKey.split('-')[group - 1] ? 'ZZZZ' : wrong);
    await page.getByRole('button', { name: 'Подтвердить' }).click();
    await page.getByText('Группа не совпадает').waitFor();
    expect(page.url()).toMatch(/\/id\/register$/);

    await input.fill(recoveryKey.split('-')[group - 1]!);
    await page.getByRole('button', { name: 'Подтвердить' }).click();
    await page.waitForURL('**/member');
    browser.expectNoProblems();
  });

  it('signs out and in; a wrong password is shown under the password; ?next= brings the member back', async () => {
    const { page } = browser;
    const email = newEmail();
    await register(page, email);
    await logout(page);
    await captureScreen(page, 'id-login');

    await login(page, email, 'not the password at all');
    await page.getByText('Неверный адрес почты или пароль.').waitFor();
    const password = page.getByLabel(/^Пароль/);
    expect(await password.getAttribute('aria-invalid')).toBe('true');
    // Focus lands on the field to fix.
    expect(await password.evaluate((input) => input === document.activeElement)).toBe(true);
    const described = await password.getAttribute('aria-describedby');
    expect(
      await page
        .locator(`[id="${described?.split(' ').find((id) => id.includes('error'))}"]`)
        .textContent(),
    ).toBe('Неверный адрес почты или пароль.');
    await captureScreen(page, 'id-login-error');

    await password.fill(PASSWORD);
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.waitForURL('**/member');

    // Back to where the member was going, never to another site.
    await logout(page);
    await page.goto('/id/access');
    await page.waitForURL('**/id/login?next=%2Fid%2Faccess');
    await login(page, email, PASSWORD);
    await page.waitForURL('**/id/access');
    await logout(page);
    await page.goto('/id/login?next=https%3A%2F%2Fevil.example%2Fid%2F');
    await login(page, email, PASSWORD);
    await page.waitForURL('**/member');
    browser.expectNoProblems();
  });

  it('refuses an OPAQUE worker script that does not match the build (Subresource Integrity)', async () => {
    const { page } = browser;
    const email = newEmail();
    await register(page, email);
    await logout(page);
    // A fresh page: the worker of the registration is gone, the next login must fetch the script.
    await page.reload();
    let tamperedServed = false;
    await page.route('**/assets/opaque.worker-*.js', async (route) => {
      const response = await route.fetch();
      tamperedServed = true;
      await route.fulfill({ response, body: `${await response.text()}\n// changed on the way` });
    });
    browser.allow(/integrity|digest/i);
    await login(page, email, PASSWORD);
    await page.getByText('Что-то пошло не так. Попробуйте ещё раз.').waitFor();
    expect(tamperedServed).toBe(true);
    expect(page.url()).toMatch(/\/id\/login$/);

    // The genuine script is started once it is served again.
    await page.unroute('**/assets/opaque.worker-*.js');
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.waitForURL('**/member');
  });

  it('after a reload asks for the password (locked), unless the device is trusted', async () => {
    const { page } = browser;
    const email = newEmail();
    await register(page, email);

    await page.reload();
    await heading(page, 'Карта заблокирована').waitFor();
    await captureScreen(page, 'id-locked');
    await page.getByLabel('Пароль').fill(PASSWORD);
    await page.getByRole('button', { name: 'Открыть' }).click();
    await page.getByRole('button', { name: 'Выйти' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/member');

    // Trusted: the user key waits in IndexedDB, wrapped by a non-extractable key.
    await logout(page);
    await login(page, email, PASSWORD, true);
    await page.waitForURL('**/member');
    const kept = await page.evaluate(
      () =>
        new Promise<{ extractable: boolean; algorithm: string; stored: string[] }>((resolve) => {
          const open = indexedDB.open('cardcoop-device');
          open.onsuccess = () => {
            const get = open.result.transaction('trusted').objectStore('trusted').get('member');
            get.onsuccess = () => {
              const copy = get.result as { deviceKey: CryptoKey; wrappedUserKey: object };
              resolve({
                extractable: copy.deviceKey.extractable,
                algorithm: copy.deviceKey.algorithm.name,
                stored: Object.keys(copy).sort(),
              });
            };
          };
        }),
    );
    expect(kept).toEqual({
      extractable: false,
      algorithm: 'AES-GCM',
      stored: ['deviceKey', 'userId', 'wrappedUserKey'],
    });
    expect(await page.evaluate(() => Object.keys(localStorage))).not.toContainEqual(
      expect.stringMatching(/key|token|session/i),
    );
    await page.reload();
    await page.getByRole('button', { name: 'Выйти' }).waitFor();
    expect(await heading(page, 'Карта заблокирована').count()).toBe(0);

    // Signing out wipes it: the next reload after a plain login is locked again.
    await logout(page);
    expect(
      await page.evaluate(
        () =>
          new Promise((resolve) => {
            const open = indexedDB.open('cardcoop-device');
            open.onsuccess = () => {
              const get = open.result.transaction('trusted').objectStore('trusted').get('member');
              get.onsuccess = () => resolve(get.result ?? null);
            };
          }),
      ),
    ).toBeNull();
    await login(page, email, PASSWORD);
    await page.waitForURL('**/member');
    await page.reload();
    await heading(page, 'Карта заблокирована').waitFor();
    browser.expectNoProblems();
  });

  it('asks for the second factor when 2FA is on, with a backup code as the way out', async () => {
    const { page } = browser;
    const email = newEmail();
    await register(page, email);
    await logout(page);

    // 2FA is turned on through the SDK (the security screens have tests of their own).
    const client = createClient({ baseUrl: server.url });
    const outcome = await client.auth.login({ email, password: PASSWORD });
    if (outcome.status !== 'authenticated') throw new Error('2FA is not on yet');
    const member = client.member(outcome.session);
    const { secret, setup_id } = await member.totp.setup({ password: PASSWORD });
    const now = () => stepAt(Date.now() / 1000);
    const { backup_codes } = await member.totp.confirm(
      setup_id,
      codeAt(base32Decode(secret), now()),
    );

    await login(page, email, PASSWORD);
    await heading(page, 'Подтверждение входа').waitFor();
    await captureScreen(page, 'id-login-second-factor');
    await page.getByLabel('Код из приложения').fill('12345');
    await page.getByRole('button', { name: 'Подтвердить' }).click();
    await page.getByText('Код — это шесть цифр.').waitFor();
    const wrong = codeAt(base32Decode(secret), now() + 10);
    await page.getByLabel('Код из приложения').fill(wrong);
    await page.getByRole('button', { name: 'Подтвердить' }).click();
    await page.getByText('Код подтверждения не подходит.').waitFor();
    expect(await page.getByLabel('Код из приложения').getAttribute('aria-invalid')).toBe('true');

    await page.getByRole('button', { name: /резервный код/ }).click();
    await page.getByLabel('Резервный код').fill(backup_codes[0]!);
    await page.getByRole('button', { name: 'Подтвердить' }).click();
    await page.waitForURL('**/member');
    await member.logout();
    browser.expectNoProblems();
  });

  it('recovers with the Recovery Kit: new password, new kit, signed in; the old key is spent', async () => {
    const { page } = browser;
    const email = newEmail();
    const oldKey = await register(page, email);
    await logout(page);

    await page.getByRole('link', { name: 'Забыли пароль?' }).click();
    await page.waitForURL('**/id/forgot');
    await captureScreen(page, 'id-forgot');
    await page.getByRole('button', { name: 'Восстановить с ключом' }).click();
    await heading(page, 'У меня есть ключ восстановления').waitFor();
    await captureScreen(page, 'id-forgot-recovery');
    await page.getByLabel('Адрес электронной почты').fill(email);
    await page.getByRole('button', { name: 'Получить код' }).click();
    await heading(page, 'Ключ восстановления и новый пароль').waitFor();
    await page.getByText('Все остальные сеансы').waitFor();

    // A typo in the key is caught by its checksum, next to the field.
    // The code step shows once the server has sent the mail.
    await page.getByLabel('Код из письма').waitFor();
    await page.getByLabel('Код из письма').fill(await server.latestCode(email));
    const typo = `${oldKey.slice(0, -1)}${oldKey.endsWith('0') ? '1' : '0'}`;
    await page.getByLabel('Ключ восстановления').fill(typo);
    await page.getByLabel('Новый пароль').fill(NEW_PASSWORD);
    await page.getByLabel('Повторите пароль').fill(NEW_PASSWORD);
    await captureScreen(page, 'id-forgot-recovery-details');
    await page.getByRole('button', { name: 'Восстановить доступ' }).click();
    await page.getByText('Ключ не подходит').waitFor();
    expect(await page.getByLabel('Ключ восстановления').getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('Ключ восстановления').fill(oldKey.replaceAll('-', ' ').toLowerCase());
    await page.getByRole('button', { name: 'Восстановить доступ' }).click();
    await heading(page, 'Ваш ключ восстановления').waitFor();
    await page.getByText('Доступ восстановлен').waitFor();
    const newKey = await readKit(page);
    expect(newKey).not.toBe(oldKey);
    await captureScreen(page, 'id-forgot-new-kit');
    await confirmKit(page, newKey);
    await page.waitForURL('**/member');

    // The new password works, the old one does not.
    await logout(page);
    await login(page, email, PASSWORD);
    await page.getByText('Неверный адрес почты или пароль.').waitFor();
    await page.getByLabel(/^Пароль/).fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.waitForURL('**/member');
    browser.expectNoProblems();
  });

  it('explains account deletion when everything is lost, and schedules it by the mailed code', async () => {
    const { page } = browser;
    const email = newEmail();
    await register(page, email);
    await logout(page);

    await page.goto('/id/forgot');
    await page.getByRole('button', { name: 'Удалить учётную запись' }).click();
    await heading(page, 'Удаление учётной записи').waitFor();
    await page
      .getByText(/через 72 часа/)
      .first()
      .waitFor();
    await captureScreen(page, 'id-forgot-deletion');
    await page.getByLabel('Адрес электронной почты').fill(email);
    await page.getByRole('button', { name: 'Получить код' }).click();
    await heading(page, 'Подтвердите удаление').waitFor();
    // The code step shows once the server has sent the mail.
    await page.getByLabel('Код из письма').waitFor();
    await page.getByLabel('Код из письма').fill(await server.latestCode(email));
    await page.getByRole('button', { name: 'Удалить через 72 часа' }).click();
    await heading(page, 'Удаление запланировано').waitFor();
    await captureScreen(page, 'id-forgot-deletion-scheduled');
    browser.expectNoProblems();
  });

  it('shows that a session ended elsewhere', async () => {
    const { page, context } = browser;
    const email = newEmail();
    await register(page, email);
    // Another tab of the same browser resumes the session (locked) and signs out there.
    const other = await context.newPage();
    await other.goto('/id/card');
    await other.getByRole('button', { name: 'Забыть это устройство' }).click();
    await page.waitForURL('**/id/login?next=%2Fmember');
    await page.getByText('Сеанс завершён').waitFor();
    await captureScreen(page, 'id-login-ended');
    await other.close();
    browser.expectNoProblems();
  });
});
