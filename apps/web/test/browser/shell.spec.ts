import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer } from '../support/app-server.js';
import type { AppServer } from '../support/app-server.js';
import { setupBrowser } from '../support/browser.js';
import { captureScreen, expectAccessible } from '../support/screens.js';

// The app shell in Chromium against the built server: every top-level screen renders under the
// strict CSP without an error, in both languages, at phone and desktop width, with no serious
// accessibility violation.
describe('the app shell', () => {
  let server: AppServer;
  beforeAll(async () => {
    server = await startAppServer();
  });
  afterAll(async () => {
    await server?.close();
  });
  const browser = setupBrowser({ baseURL: () => server.url });

  it('serves the app with the strict CSP: own scripts only, Trusted Types required', async () => {
    const response = await browser.page.goto('/');
    expect(response?.status()).toBe(200);
    const csp = Object.fromEntries(
      (response?.headers()['content-security-policy'] ?? '')
        .split(';')
        .map((directive) => directive.trim().split(/\s+/))
        .map(([name, ...values]) => [name, values]),
    );
    expect(csp['require-trusted-types-for']).toEqual(["'script'"]);
    expect(csp['trusted-types']).toEqual(['default']);
    expect(csp['script-src']).toContain("'self'");
    expect(csp['script-src']).not.toContain("'unsafe-inline'");
    expect(csp['frame-ancestors']).toEqual(["'none'"]);
  });

  it.each([
    ['home', '/', '/'],
    ['id', '/id', '/id/login'],
    // The member's home asks a signed-out visitor to sign in first.
    ['member', '/member', '/id/login'],
    ['business', '/business', '/business'],
    ['help', '/help', '/help'],
    ['not-found', '/no/such/page', '/no/such/page'],
  ])('shows %s (%s)', async (name, open, shown) => {
    const { page } = browser;
    await page.goto(open);
    await page.waitForLoadState('networkidle');
    expect(new URL(page.url()).pathname).toBe(shown);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).count()).toBe(1);
    await captureScreen(page, name);
    browser.expectNoProblems();
  });

  it('switches to English with the switch in the header, and remembers it', async () => {
    const { page } = browser;
    await page.goto('/');
    const heading = page.getByRole('heading', { level: 1 });
    await expect.poll(() => heading.textContent()).toBe('Одна карта пайщика для всех кооперативов');
    expect(await page.getAttribute('html', 'lang')).toBe('ru');

    await page.getByRole('radiogroup').locator('label', { hasText: 'English' }).click();
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('en');
    expect(await heading.textContent()).toBe('One member card for every cooperative');
    expect(await page.getByRole('radio', { name: 'English' }).isChecked()).toBe(true);

    await page.reload();
    await expect.poll(() => heading.textContent()).toBe('One member card for every cooperative');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    browser.expectNoProblems();
  });

  it('notices CSP violations (the harness fails a test on them unless it allows them)', async () => {
    const { page } = browser;
    await page.goto('/');
    await page.evaluate(() => {
      const image = new Image();
      image.src = 'https://example.invalid/pixel.png';
      document.body.append(image);
    });
    await expect
      .poll(() => browser.problems.filter((p) => p.kind === 'csp').map((p) => p.text))
      .toContainEqual(expect.stringContaining('violates the following Content Security Policy'));
    browser.allow(/example\.invalid/);
  });

  it('notices accessibility violations (axe runs despite the CSP)', async () => {
    const { page } = browser;
    await page.goto('/');
    // The page settled (lazy route shown, its requests answered): nothing re-renders the main
    // element the unnamed button goes into.
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await page.waitForLoadState('networkidle');
    await expectAccessible(page, 'harness-home');
    await page.evaluate(() =>
      document.querySelector('main')?.append(document.createElement('button')),
    );
    await expect(expectAccessible(page, 'harness-unnamed-button')).rejects.toThrow(
      /button-name \(critical\): Buttons must have discernible text\n\s+#main-content > button/,
    );
  });
});
