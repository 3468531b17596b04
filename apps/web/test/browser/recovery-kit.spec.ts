import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer } from '../support/app-server.js';
import type { AppServer } from '../support/app-server.js';
import { setupBrowser, ZOD_EVAL_PROBE } from '../support/browser.js';
import { captureScreen } from '../support/screens.js';

const PASSWORD = 'весенний-кооператив-17';

let counter = 0;
const newEmail = () => `kit${Date.now()}-${++counter}@coop.example`;
const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { name });

/** The recovery key on the kit screen. */
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
  await page.getByLabel(`Группа ${group}`).fill(recoveryKey.split('-')[group - 1]!);
  await page.getByRole('button', { name: 'Подтвердить' }).click();
}

// The Recovery Kit cannot be lost silently: an unsaved kit (a reload on its screen) is replaced
// by a new one at the next unlock, and the security page issues a new one on demand.
describe('the Recovery Kit', () => {
  let server: AppServer;
  beforeAll(async () => {
    server = await startAppServer();
  });
  afterAll(async () => {
    await server?.close();
  });
  const browser = setupBrowser({ baseURL: () => server.url, allow: [ZOD_EVAL_PROBE] });

  it('a reload on the kit screen: the next unlock asks to save a new kit', async () => {
    const { page } = browser;
    const email = newEmail();
    await page.goto('/id/register');
    await page.getByLabel('Адрес электронной почты').fill(email);
    await page.getByRole('checkbox', { name: /принимаю/ }).check();
    await page.getByRole('button', { name: 'Получить код' }).click();
    const codeField = page.getByLabel('Код из письма');
    await codeField.waitFor();
    await codeField.fill(await server.latestCode(email));
    await page.getByLabel('Новый пароль').fill(PASSWORD);
    await page.getByLabel('Повторите пароль').fill(PASSWORD);
    await page.getByRole('button', { name: 'Создать карту' }).click();
    await heading(page, 'Ваш ключ восстановления').waitFor();
    const lost = await readKit(page);
    expect(await page.getByRole('button', { name: 'Скопировать ключ' }).count()).toBe(1);
    // Printed from the screen, only the sheet shows: the key, the account, the instructions.
    const sheet = page.getByTestId('recovery-kit-print');
    expect(await sheet.isVisible()).toBe(false);
    await page.emulateMedia({ media: 'print' });
    expect(await sheet.isVisible()).toBe(true);
    expect(await heading(page, 'Ваш ключ восстановления').isVisible()).toBe(false);
    const printed = await sheet.innerText();
    for (const group of lost.split('-')) expect(printed).toContain(group);
    expect(printed).toContain(email);
    expect(printed).toContain('Забыли пароль?');
    await page.emulateMedia({ media: 'screen' });

    // Gone without being saved.
    await page.goto('/id/card');
    await heading(page, 'Карта заблокирована').waitFor();
    await page.getByLabel('Пароль').fill(PASSWORD);
    await page.getByRole('button', { name: 'Открыть' }).click();
    await heading(page, 'Сохраните ключ восстановления').waitFor();
    await captureScreen(page, 'id-recovery-kit-gate');
    await page.getByLabel('Текущий пароль').fill(PASSWORD);
    await page.getByRole('button', { name: 'Выпустить ключ' }).click();
    await heading(page, 'Ваш ключ восстановления').waitFor();
    const fresh = await readKit(page);
    expect(fresh).not.toBe(lost);
    await confirmKit(page, fresh);
    // Confirmed: the gate gives way to the card (the layout's sign-out button shows throughout).
    await heading(page, 'Сохраните ключ восстановления').waitFor({ state: 'detached' });
    expect(await heading(page, 'Проверим, что ключ сохранён').count()).toBe(0);
    expect(new URL(page.url()).pathname).toBe('/id/card');
    const mails = await server.mailsTo(email);
    expect(mails.some((mail) => mail.text.includes('Прежний набор больше не действует'))).toBe(
      true,
    );

    // Saved now: the next unlock goes straight to the card.
    await page.reload();
    await heading(page, 'Карта заблокирована').waitFor();
    await page.getByLabel('Пароль').fill(PASSWORD);
    await page.getByRole('button', { name: 'Открыть' }).click();
    await heading(page, 'Карта заблокирована').waitFor({ state: 'detached' });
    await page.waitForLoadState('networkidle');
    expect(await heading(page, 'Сохраните ключ восстановления').count()).toBe(0);
    browser.expectNoProblems();
  });

  it('the security page issues a new kit after the password', async () => {
    const { page } = browser;
    const email = newEmail();
    await server.registerMember(email, PASSWORD);
    await page.goto('/id/login?next=/id/security');
    await page.getByLabel('Адрес электронной почты').fill(email);
    await page.getByLabel(/^Пароль/).fill(PASSWORD);
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.waitForURL('**/id/security');
    const section = page.getByRole('region', { name: 'Ключ восстановления' });
    await section.getByRole('button', { name: 'Выпустить новый ключ восстановления' }).click();
    const current = section.getByLabel('Текущий пароль');
    await current.fill('not the password');
    await section.getByRole('button', { name: 'Выпустить ключ' }).click();
    await expect.poll(() => current.getAttribute('aria-invalid')).toBe('true');
    await current.fill(PASSWORD);
    await section.getByRole('button', { name: 'Выпустить ключ' }).click();
    await heading(page, 'Ваш ключ восстановления').waitFor();
    // The printable page names the account.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Скачать страницу для печати' }).click(),
    ]);
    expect(readFileSync((await download.path())!, 'utf8')).toContain(email);
    await confirmKit(page, await readKit(page));
    await page.getByText('Новый ключ сохранён. Прежний больше не действует.').waitFor();
    browser.expectNoProblems();
  });
});
