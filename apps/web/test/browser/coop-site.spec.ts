import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoopSite } from '../../../../examples/coop-site/index.js';
import { startAppServer, startCoopSite } from '../support/app-server.js';
import type { AppServer } from '../support/app-server.js';
import { setupBrowser } from '../support/browser.js';

// examples/coop-site (on 127.0.0.1) and card.coop (on localhost) side by side, as two sites:
// where the connect flow's browser tests start.
describe('a cooperative site sending a member to card.coop', () => {
  let server: AppServer;
  let site: CoopSite;
  beforeAll(async () => {
    server = await startAppServer();
    site = await startCoopSite(server);
  });
  afterAll(async () => {
    await site?.close();
    await server?.close();
  });
  const browser = setupBrowser({ baseURL: () => server.url });

  it('"Join" leads to /id/connect with the request and a PKCE challenge', async () => {
    const { page } = browser;
    await page.goto(site.url);
    await page.getByRole('link', { name: 'Вступить в кооператив через card.coop' }).click();
    await page.waitForURL(`${server.url}/id/connect?**`);
    const params = Object.fromEntries(new URL(page.url()).searchParams);
    expect(params).toEqual({
      coopname: site.coop.coopname,
      redirect_uri: `${site.url}/callback`,
      state: expect.stringMatching(/^[\w-]{43}$/),
      code_challenge: expect.stringMatching(/^[\w-]{43}$/),
      code_challenge_method: 'S256',
    });
    await expect.poll(() => page.getByRole('heading', { level: 1 }).count()).toBe(1);
    browser.expectNoProblems();
  });
});
