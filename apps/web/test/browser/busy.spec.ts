import { afterAll, beforeAll, describe, it } from 'vitest';
import { startPrivateRedis } from '../../../server/test/support/private-services.js';
import type { PrivateRedis } from '../../../server/test/support/private-services.js';
import { startAppServer } from '../support/app-server.js';
import type { AppServer } from '../support/app-server.js';
import { setupBrowser, ZOD_EVAL_PROBE } from '../support/browser.js';

// The server as it answers while its cache is gone (Redis of its own, stopped): 503 with
// Retry-After. The member is told the service is busy, not that something unknown went wrong.
describe('a busy service', () => {
  let redis: PrivateRedis;
  let server: AppServer;
  beforeAll(async () => {
    redis = await startPrivateRedis();
    server = await startAppServer({ env: { REDIS_URL: redis.url } });
  });
  afterAll(async () => {
    await server?.close();
    await redis?.stop();
  });
  const browser = setupBrowser({
    baseURL: () => server.url,
    // The 503 answers this test is about, and Chromium's console line for each.
    allow: [ZOD_EVAL_PROBE, /^503 /, /status of 503/],
  });

  it('says the service is busy and to retry shortly when the server answers 503', async () => {
    const { page } = browser;
    await page.goto('/id/login');
    await page.getByRole('heading', { name: 'Вход' }).waitFor();
    await redis.stop();
    try {
      await page.getByLabel('Адрес электронной почты').fill('busy.member@coop.example');
      await page.getByLabel(/^Пароль/).fill('any password at all');
      await page.getByRole('button', { name: 'Войти' }).click();
      await page
        .getByText('Сервис сейчас перегружен. Подождите немного и попробуйте ещё раз.')
        .waitFor();
    } finally {
      await redis.start();
    }
  });
});
