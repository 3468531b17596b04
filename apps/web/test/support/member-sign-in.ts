import type { Page } from 'playwright-core';

/**
 * Signs the member in on the page (ru) and lands on /member, skipping the first-run tour when it
 * shows.
 */
export async function signInToMember(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/id/login');
  await page.getByLabel('Адрес электронной почты').fill(email);
  await page.getByLabel(/^Пароль/).fill(password);
  await page.getByRole('button', { name: 'Войти', exact: true }).click();
  await page.waitForURL('**/member');
  const skip = page.getByRole('button', { name: 'Пропустить' });
  await skip.click({ timeout: 5_000 }).catch(() => undefined);
}
