import * as opaque from '@serenity-kit/opaque';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base32Decode, codeAt, stepAt } from '../../../server/src/modules/totp/totp.js';
import { post } from '../../../server/test/support/raw-member.js';
import { startAppServer } from '../support/app-server.js';
import type { AppServer } from '../support/app-server.js';
import { setupBrowser, ZOD_EVAL_PROBE } from '../support/browser.js';
import { captureScreen } from '../support/screens.js';

// /id/security in Chromium against the built server: sessions of two browsers, 2FA on and off
// with codes computed here (RFC 6238, the server's own implementation), a password change, an
// e-mail change and a scheduled deletion, each screen in both languages at both widths.
describe('security settings', () => {
  let server: AppServer;
  beforeAll(async () => {
    server = await startAppServer();
  });
  afterAll(async () => {
    await server?.close();
  });
  const browser = setupBrowser({ baseURL: () => server.url, allow: [ZOD_EVAL_PROBE] });

  let members = 0;
  /** A new member, registered over the SDK as any client would (cheap stretching for speed). */
  async function register(password = 'correct horse battery staple') {
    const email = `security-${++members}-${Date.now()}@example.org`;
    await server.registerMember(email, password);
    return { email, password };
  }

  /**
   * A sign-in that fails on the server: a client of its own sending a proof that does not hold.
   * (The SDK stops at a wrong password before sending anything, so the log never sees those.)
   */
  async function failedSignIn(email: string) {
    await opaque.ready;
    const { startLoginRequest } = opaque.client.startLogin({ password: 'not the password' });
    const started = await post(server.url, '/api/v1/auth/initiate-login', {
      email,
      start_login_request: startLoginRequest,
    });
    const { login_id } = (await started.json()) as { login_id: string };
    const refused = await post(server.url, '/api/v1/auth/complete-login', {
      login_id,
      finish_login_request: 'AAAA',
    });
    expect(refused.status).toBe(401);
  }

  /** Signs in on the login page and lands on the security page (the TOTP code when asked). */
  async function signIn(page: Page, email: string, password: string, totpCode?: string) {
    await page.goto('/id/login?next=/id/security');
    await page.getByLabel('Адрес электронной почты').fill(email);
    await page.getByLabel(/^Пароль/).fill(password);
    await page.getByRole('button', { name: 'Войти' }).click();
    if (totpCode) {
      await page.getByLabel('Код из приложения').fill(totpCode);
      await page.getByRole('button', { name: 'Подтвердить' }).click();
    }
    await page.waitForURL('**/id/security');
    await page.getByRole('heading', { level: 1, name: 'Безопасность' }).waitFor();
  }

  const section = (page: Page, name: string) => page.getByRole('region', { name });
  // Crypto steps (argon2id in the worker) take a while on a busy machine.
  const eventually = <T>(value: () => T | Promise<T>) => expect.poll(value, { timeout: 15_000 });

  async function signOut(page: Page) {
    await page.getByRole('button', { name: 'Выйти' }).click();
    await page.waitForURL('**/id/login');
  }

  it('shows this device and another one; "end" signs the other out, its next step is the login page', async () => {
    const { page } = browser;
    const { email, password } = await register();
    const other = await browser.browser.newContext({
      baseURL: server.url,
      locale: 'ru-RU',
      userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0',
    });
    try {
      const otherPage = await other.newPage();
      await signIn(otherPage, email, password);
      await signIn(page, email, password);

      // This browser, the other one, and the session the registration opened (no device name).
      const sessions = section(page, 'Сеансы и устройства');
      const items = sessions.getByRole('listitem');
      await eventually(() => items.count()).toBe(3);
      await eventually(() => items.first().textContent()).toContain('Это устройство');
      await eventually(() => sessions.textContent()).toContain('Firefox · Windows');
      await eventually(() => sessions.textContent()).toContain('Неизвестное устройство');
      const history = section(page, 'История входов и событий');
      await expect
        .poll(() => history.getByText('Вход в учётную запись').count())
        .toBeGreaterThanOrEqual(2);
      await captureScreen(page, 'id-security');

      await sessions.getByRole('button', { name: 'Завершить сеанс: Firefox · Windows' }).click();
      const dialog = page.getByRole('dialog', { name: 'Завершить сеанс?' });
      await dialog.waitFor();
      await captureScreen(page, 'id-security-end-session', { languages: ['ru'] });
      await dialog.getByRole('button', { name: 'Завершить' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await eventually(() => items.count()).toBe(2);
      expect(await sessions.textContent()).not.toContain('Firefox · Windows');

      // The other browser is told at once (the real-time channel) and shows the login page.
      await otherPage.waitForURL('**/id/login?**');
      await expect
        .poll(() => otherPage.getByRole('alert').first().textContent())
        .toContain('Сеанс завершён');

      await sessions.getByRole('button', { name: 'Завершить все остальные' }).click();
      const others = page.getByRole('dialog', { name: 'Завершить все остальные сеансы?' });
      await others.getByRole('button', { name: 'Завершить все остальные' }).click();
      await others.waitFor({ state: 'hidden' });
      await eventually(() => items.count()).toBe(1);
      expect(await sessions.textContent()).toContain('Других сеансов нет');
      browser.expectNoProblems();
    } finally {
      await other.close();
    }
  });

  it('ending this device’s own session signs out here', async () => {
    const { page } = browser;
    const { email, password } = await register();
    await signIn(page, email, password);
    const sessions = section(page, 'Сеансы и устройства');
    await sessions
      .getByRole('listitem')
      .filter({ hasText: 'Это устройство' })
      .getByRole('button', { name: /^Завершить сеанс/ })
      .click();
    const dialog = page.getByRole('dialog');
    await eventually(() => dialog.textContent()).toContain('Это текущий сеанс');
    await dialog.getByRole('button', { name: 'Завершить' }).click();
    await page.waitForURL('**/id/login');
    // Signed out for real: the security page asks to sign in again.
    await page.goto('/id/security');
    await page.waitForURL('**/id/login?**');
    browser.expectNoProblems();
  });

  it('turns 2FA on with the password and the app’s code, then signing in asks for a code; new backup codes take the password; a backup code turns it off', async () => {
    const { page } = browser;
    const { email, password } = await register();
    await signIn(page, email, password);
    const totp = section(page, 'Двухфакторная защита');
    await eventually(() => totp.textContent()).toContain('выключена');

    // Connecting an app takes the password (a session alone is not enough); a wrong one is
    // refused next to the field.
    await totp.getByRole('button', { name: 'Настроить' }).click();
    await totp.getByRole('heading', { name: 'Подтвердите пароль' }).waitFor();
    await totp.getByLabel('Текущий пароль').fill('not the password');
    await totp.getByRole('button', { name: 'Продолжить' }).click();
    await eventually(() => totp.getByText('Текущий пароль указан неверно.').count()).toBe(1);
    expect(await totp.getByLabel('Текущий пароль').getAttribute('aria-invalid')).toBe('true');
    await captureScreen(page, 'id-security-totp-password');
    await totp.getByLabel('Текущий пароль').fill(password);
    await totp.getByRole('button', { name: 'Продолжить' }).click();
    await totp.getByRole('heading', { name: 'Подключите приложение' }).waitFor();
    expect(await totp.getByRole('img', { name: /QR-код/ }).getAttribute('src')).toMatch(
      /^data:image\/svg\+xml;base64,/,
    );
    const secret = base32Decode(
      ((await totp.locator('code').textContent()) ?? '').replace(/\s/g, ''),
    );
    await captureScreen(page, 'id-security-totp-setup');

    // A wrong code is refused next to the field, and changes nothing.
    await totp.getByLabel('Код из приложения').fill('12345');
    await totp.getByRole('button', { name: 'Включить', exact: true }).click();
    await eventually(() => totp.getByText('Код — это шесть цифр из приложения.').count()).toBe(1);

    const step = stepAt(Date.now() / 1000);
    await totp.getByLabel('Код из приложения').fill(codeAt(secret, step));
    await totp.getByRole('button', { name: 'Включить', exact: true }).click();
    await totp.getByRole('heading', { name: 'Резервные коды' }).waitFor();
    const backupCodes = await totp
      .getByRole('list', { name: 'Резервные коды' })
      .locator('code')
      .allTextContents();
    expect(backupCodes).toHaveLength(10);
    await captureScreen(page, 'id-security-backup-codes');
    await totp.getByRole('button', { name: 'Я сохранил(а) коды' }).click();
    await eventually(() => totp.textContent()).toContain('Неиспользованных резервных кодов: 10');
    await captureScreen(page, 'id-security-totp-on');

    // The next sign-in needs a code of a later step (each step's code works once).
    await signOut(page);
    await signIn(page, email, password, codeAt(secret, step + 1));
    const history = section(page, 'История входов и событий');
    await eventually(() => history.getByText('Двухфакторная защита включена').count()).toBe(1);
    await eventually(() => history.getByText('С кодом подтверждения').count()).toBe(1);

    // New backup codes take the password and a code; the old codes stop working.
    await totp.getByRole('button', { name: 'Новые резервные коды' }).click();
    await totp.getByRole('heading', { name: 'Новые резервные коды' }).waitFor();
    await totp.getByLabel('Текущий пароль').fill('not the password');
    await totp.getByLabel('Код подтверждения').fill(backupCodes[0]!);
    await totp.getByRole('button', { name: 'Новые резервные коды' }).click();
    await eventually(() => totp.getByText('Текущий пароль указан неверно.').count()).toBe(1);
    await captureScreen(page, 'id-security-totp-regenerate');
    await totp.getByLabel('Текущий пароль').fill(password);
    await totp.getByRole('button', { name: 'Новые резервные коды' }).click();
    await totp.getByRole('heading', { name: 'Резервные коды', exact: true }).waitFor();
    const renewed = await totp
      .getByRole('list', { name: 'Резервные коды' })
      .locator('code')
      .allTextContents();
    expect(renewed).toHaveLength(10);
    expect(renewed).not.toContain(backupCodes[1]);
    await totp.getByRole('button', { name: 'Я сохранил(а) коды' }).click();

    await totp.getByRole('button', { name: 'Выключить' }).click();
    await totp.getByRole('heading', { name: 'Выключить двухфакторную защиту' }).waitFor();
    await captureScreen(page, 'id-security-totp-disable');
    await totp.getByLabel('Код подтверждения').fill(backupCodes[1]!);
    await totp.getByRole('button', { name: 'Выключить' }).click();
    await eventually(() => totp.getByText('Код подтверждения не подходит.').count()).toBe(1);
    await totp.getByLabel('Код подтверждения').fill(renewed[0]!);
    await totp.getByRole('button', { name: 'Выключить' }).click();
    await eventually(() => totp.textContent()).toContain('выключена');
    browser.expectNoProblems();
  });

  it('undoes a 2FA enrolment from the mailed link, once: 2FA off, every session ended', async () => {
    const { page } = browser;
    const email = `security-undo-${++members}-${Date.now()}@example.org`;
    const password = 'correct horse battery staple';
    const member = await server.registerMember(email, password);
    // 2FA turned on over the SDK (with the password, as the server now wants).
    const setup = await member.totp.setup({ password });
    const secret = base32Decode(setup.secret);
    const step = stepAt(Date.now() / 1000);
    await member.totp.confirm(setup.setup_id, codeAt(secret, step));
    await signIn(page, email, password, codeAt(secret, step + 1));

    const mail = (await server.mailsTo(email)).find((m) => m.text.includes('revert-totp?token='));
    expect(mail?.subject).toBe('Двухфакторная аутентификация включена');
    const token = mail!.text.match(/revert-totp\?token=([\w.-]+)/)![1]!;
    await page.goto(`/id/revert-totp?token=${token}`);
    await page.getByRole('heading', { level: 1, name: 'Отмена двухфакторной защиты' }).waitFor();
    // The token leaves the address bar; nothing happens until the click.
    await page.waitForURL((url) => !url.search.includes('token'));
    expect((await member.totp.status()).enabled).toBe(true);
    await captureScreen(page, 'id-revert-totp');
    await page.getByRole('button', { name: 'Отменить подключение' }).click();
    await page.getByText('Подключение отменено, все сеансы завершены.', { exact: false }).waitFor();
    expect(await member.sessions.list().catch((error: { code?: string }) => error.code)).toBe(
      'SESSION_REVOKED',
    );

    // The password alone signs in now; the log tells what happened.
    await signIn(page, email, password);
    const totp = section(page, 'Двухфакторная защита');
    await eventually(() => totp.textContent()).toContain('выключена');
    const history = section(page, 'История входов и событий');
    await eventually(() =>
      history.getByText('Подключение двухфакторной защиты отменено по ссылке из письма').count(),
    ).toBe(1);

    // A used link does not work twice.
    await page.goto(`/id/revert-totp?token=${token}`);
    await page.getByRole('button', { name: 'Отменить подключение' }).click();
    await page.getByText('Ссылка не действует: она уже использована или устарела.').waitFor();
    browser.expectNoProblems();
  });

  it('changes the password: the old one stops working, the new one signs in', async () => {
    const { page } = browser;
    const { email, password } = await register();
    await signIn(page, email, password);
    const form = section(page, 'Пароль');
    const newPassword = 'lantern orbit velvet 4 quiet';

    await form.getByLabel('Текущий пароль').fill('not the password');
    await form.getByLabel('Новый пароль').fill(newPassword);
    await form.getByLabel('Повторите пароль').fill(newPassword);
    await form.getByRole('button', { name: 'Сменить пароль' }).click();
    // A wrong current password is shown next to it; nothing changed.
    await eventually(() => form.getByText('Текущий пароль указан неверно.').count()).toBe(1);

    await form.getByLabel('Текущий пароль').fill(password);
    await form.getByRole('button', { name: 'Сменить пароль' }).click();
    await expect
      .poll(() => form.getByRole('status').allTextContents())
      .toContainEqual(expect.stringContaining('Пароль изменён.'));

    await signOut(page);
    await page.getByLabel('Адрес электронной почты').fill(email);
    await page.getByLabel(/^Пароль/).fill(password);
    await page.getByRole('button', { name: 'Войти' }).click();
    await eventually(() => page.getByText('Неверный адрес почты или пароль.').count()).toBe(1);
    await signIn(page, email, newPassword);

    const history = section(page, 'История входов и событий');
    await eventually(() => history.getByText('Пароль изменён').count()).toBe(1);
    browser.expectNoProblems();
  });

  it('marks a failed sign-in elsewhere for attention in the log', async () => {
    const { page } = browser;
    const { email, password } = await register();
    await failedSignIn(email);
    await signIn(page, email, password);
    const history = section(page, 'История входов и событий');
    const failed = history
      .getByRole('listitem')
      .filter({ hasText: 'Неудачная попытка входа: неверный пароль' });
    await eventually(() => failed.textContent()).toContain('Внимание');
    await captureScreen(page, 'id-security-history');
    browser.expectNoProblems();
  });

  it('pages the history on: "Показать ещё" reads older events from the server up to the first', async () => {
    const { page } = browser;
    const email = `security-${++members}-${Date.now()}@example.org`;
    const password = 'correct horse battery staple';
    const member = await server.registerMember(email, password);
    // More events than a page of the log (50): each new calendar link is one.
    for (let i = 0; i < 60; i += 1) await member.meetings.createCalendarFeed();
    await signIn(page, email, password);
    const history = section(page, 'История входов и событий');
    const feeds = history.getByText('Создана ссылка на календарь собраний', { exact: false });
    await eventually(() => history.getByRole('listitem').count()).toBe(10);
    expect(await history.getByText('Учётная запись создана').count()).toBe(0);
    const more = history.getByRole('button', { name: 'Показать ещё' });
    while ((await more.count()) > 0) await more.click();
    await eventually(() => history.getByText('Учётная запись создана').count()).toBe(1);
    expect(await feeds.count()).toBe(60);
    browser.expectNoProblems();
  });

  it('changes the e-mail address with the code sent to the new one', async () => {
    const { page } = browser;
    const { email, password } = await register();
    await signIn(page, email, password);
    const change = section(page, 'Адрес почты');
    const newEmail = email.replace('@', '+new@');
    await change.getByLabel('Новый адрес почты').fill(newEmail);
    await change.getByLabel('Текущий пароль').fill(password);
    await change.getByRole('button', { name: 'Получить код' }).click();
    await change.getByRole('heading', { name: 'Подтвердите новый адрес' }).waitFor();
    await captureScreen(page, 'id-security-email-code');
    // The code step shows once the server has sent the mail.
    await change.getByLabel('Код из письма').waitFor();
    await change.getByLabel('Код из письма').fill(await server.latestCode(newEmail));
    await change.getByRole('button', { name: 'Подтвердить' }).click();
    await expect
      .poll(() => change.getByRole('status').allTextContents())
      .toContainEqual(expect.stringContaining(`Адрес почты изменён на ${newEmail}`));
    // The header names the account by its new address, after a reload too.
    await eventually(() => page.getByRole('banner').textContent()).toContain(newEmail);
    await page.reload();
    await page.getByRole('heading', { name: 'Карта заблокирована' }).waitFor();
    expect(await page.getByRole('main').textContent()).toContain(`Вы вошли как ${newEmail}`);
    await page.getByLabel(/^Пароль/).fill(password);
    await page.getByRole('button', { name: 'Открыть карту' }).click();
    await page.getByRole('heading', { level: 1, name: 'Безопасность' }).waitFor();

    await signOut(page);
    await signIn(page, newEmail, password);
    browser.expectNoProblems();
  });

  it('schedules the deletion with the e-mailed code and cancels it', async () => {
    const { page } = browser;
    const { email, password } = await register();
    await signIn(page, email, password);
    const deletion = section(page, 'Удаление учётной записи');
    await deletion.getByRole('button', { name: 'Удалить учётную запись…' }).click();
    await deletion.getByLabel('Адрес электронной почты').fill(email);
    await deletion.getByRole('button', { name: 'Получить код' }).click();
    await deletion.getByRole('heading', { name: 'Подтвердите удаление' }).waitFor();
    // The code step shows once the server has sent the mail.
    await deletion.getByLabel('Код из письма').waitFor();
    await deletion.getByLabel('Код из письма').fill(await server.latestCode(email));
    await deletion.getByRole('button', { name: 'Удалить через 72 часа' }).click();
    await eventually(() => deletion.textContent()).toContain('Учётная запись будет удалена');
    await captureScreen(page, 'id-security-deletion-pending');

    await deletion.getByRole('button', { name: 'Отменить удаление' }).click();
    await expect
      .poll(() => deletion.textContent())
      .toContain('Удаление отменено. Учётная запись остаётся.');
    browser.expectNoProblems();
  });
});
