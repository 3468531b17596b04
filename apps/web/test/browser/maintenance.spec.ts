import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer } from '../support/app-server.js';
import type { AppServer } from '../support/app-server.js';
import { setupBrowser } from '../support/browser.js';
import { captureScreen, expectAccessible } from '../support/screens.js';

/** 22:00–00:00 in Moscow (the harness's time zone), a future night. */
const WINDOW = { starts_at: '2031-03-10T19:00:00Z', ends_at: '2031-03-10T21:00:00Z' };

const notices = (page: Page) => page.getByRole('status').filter({ hasText: 'работы' });

// Planned maintenance (issue 14): announced through the admin API, shown on every page to every
// visitor with start and end in the visitor's language and time zone, hidden per announcement.
describe('the maintenance banner', () => {
  let server: AppServer;
  const announce = async (body: Record<string, string>) => {
    const response = await fetch(`${server.url}/api/v1/admin/maintenance`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${server.adminApiKey}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(201);
    return (await response.json()) as { id: string };
  };

  beforeAll(async () => {
    server = await startAppServer();
  });
  afterAll(async () => {
    await server?.close();
  });
  const browser = setupBrowser({ baseURL: () => server.url });

  it('shows every announcement on every page, in Moscow time, axe-clean; a hidden one stays hidden', async () => {
    await announce({
      ...WINDOW,
      message_ru: 'Обновление базы данных',
      message_en: 'Database upgrade',
    });
    await announce({
      starts_at: '2031-04-01T07:00:00Z',
      ends_at: '2031-04-01T08:00:00Z',
      message_ru: 'Замена серверов',
      message_en: 'Server replacement',
    });
    const { page } = browser;
    for (const path of ['/', '/id/login', '/help']) {
      await page.goto(path);
      await expect.poll(() => notices(page).count(), { timeout: 15_000 }).toBe(2);
    }
    const first = notices(page).filter({ hasText: 'Обновление базы данных' });
    const text = await first.textContent();
    expect(text).toContain('Плановые технические работы');
    expect(text).toMatch(/10 марта 2031[^]*22:00[^]*11 марта 2031[^]*00:00/);
    await captureScreen(page, 'maintenance-banner');
    await expectAccessible(page, 'maintenance-banner');

    await first.getByRole('button', { name: 'Скрыть уведомление о работах' }).click();
    await expect.poll(() => notices(page).count()).toBe(1);
    await page.reload();
    await expect.poll(() => notices(page).count(), { timeout: 15_000 }).toBe(1);
    expect(await notices(page).textContent()).toContain('Замена серверов');

    await page.getByRole('radiogroup').locator('label', { hasText: 'English' }).click();
    const english = page.getByRole('status').filter({ hasText: 'Server replacement' });
    await expect.poll(() => english.count()).toBe(1);
    expect(await english.textContent()).toMatch(/Planned maintenance[^]*April 1, 2031[^]*10:00/);
    await expectAccessible(page, 'maintenance-banner-en');
    browser.expectNoProblems();
  });
});
