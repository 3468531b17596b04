import type { Page } from 'playwright-core';

/** Fills the sign-in form (ru) on the page and sends it. */
async function submitSignIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Адрес электронной почты').fill(email);
  await page.getByLabel(/^Пароль/).fill(password);
  await page.getByRole('button', { name: 'Войти', exact: true }).click();
}

/** Signs the member in on the page (ru) from /id/login?next=`next` and lands on `next`. */
export async function signInTo(
  page: Page,
  next: string,
  email: string,
  password: string,
): Promise<void> {
  await page.goto(`/id/login?${new URLSearchParams({ next })}`);
  await submitSignIn(page, email, password);
  await page.waitForURL(`**${next}`);
}

/**
 * Signs the member in on the page (ru) and lands on /member, skipping the first-run tour when it
 * shows.
 */
export async function signInToMember(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/id/login');
  await submitSignIn(page, email, password);
  await page.waitForURL('**/member');
  const skip = page.getByRole('button', { name: 'Пропустить' });
  await skip.click({ timeout: 5_000 }).catch(() => undefined);
}
