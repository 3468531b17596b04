import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import axe from 'axe-core';
import type { AxeResults, NodeResult, Result } from 'axe-core';
import type { Page } from 'playwright-core';

/** `artifacts/` at the repository root (gitignored): screenshots, accessibility reports. */
export const ARTIFACTS = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  '..',
  'artifacts',
);
const SCREENSHOTS = path.join(ARTIFACTS, 'screenshots');
const REPORTS = path.join(ARTIFACTS, 'a11y');

export const LANGUAGES = ['ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const WIDTHS = [360, 1280] as const;

/** The app's key for the chosen language (apps/web/src/lib/i18n). */
const STORAGE_KEY = 'cardcoop.lang';
const BLOCKING = new Set(['serious', 'critical']);

const target = (node: NodeResult) =>
  node.target.map((part) => (Array.isArray(part) ? part.join(' >>> ') : part)).join(' ');

const describe = (violation: Result) =>
  [
    `  ${violation.id} (${violation.impact}): ${violation.help}`,
    ...violation.nodes.map((node) => `      ${target(node)}`),
  ].join('\n');

/**
 * Runs axe-core on the page and fails listing every serious or critical violation (all of them,
 * minor ones included, go to artifacts/a11y/<name>.json). axe is evaluated over the DevTools
 * protocol, which the page's CSP does not govern: a <script> tag would be refused.
 */
export async function expectAccessible(page: Page, name: string): Promise<AxeResults> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  const results = await page.evaluate(() =>
    (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ['violations'] }),
  );
  mkdirSync(REPORTS, { recursive: true });
  const violations = results.violations.map(({ id, impact, help, helpUrl, nodes }) => ({
    id,
    impact,
    help,
    helpUrl,
    targets: nodes.map(target),
  }));
  writeFileSync(
    path.join(REPORTS, `${name}.json`),
    `${JSON.stringify({ url: results.url, violations }, null, 2)}\n`,
  );
  const blocking = results.violations.filter((violation) => BLOCKING.has(violation.impact ?? ''));
  if (blocking.length > 0) {
    throw new Error(
      `${name} (${page.url()}): serious or critical accessibility violations:\n${blocking.map(describe).join('\n')}`,
    );
  }
  return results;
}

const pageLanguage = (page: Page) => page.evaluate(() => document.documentElement.lang);

/**
 * Switches the app's language as a member does, with the switch in the header (no reload: the
 * page keeps its state, an unlocked session included). Screens without the switch get the
 * choice stored and are reloaded.
 */
export async function setLanguage(page: Page, language: Language): Promise<void> {
  if ((await pageLanguage(page)) === language) return;
  const option = page.locator(`[role="radiogroup"] label:has([lang="${language}"])`).first();
  if (await option.isVisible()) {
    await option.click();
    // No hover or focus ring in the pictures.
    await page.mouse.move(0, 0);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  } else {
    await page.evaluate(({ key, value }) => localStorage.setItem(key, value), {
      key: STORAGE_KEY,
      value: language,
    });
    await page.reload();
    await page.waitForLoadState('networkidle');
  }
  await page.waitForFunction((expected) => document.documentElement.lang === expected, language);
}

export interface CaptureOptions {
  languages?: readonly Language[];
  widths?: readonly number[];
}

/**
 * The current screen in each language at each width: a full-page screenshot in
 * artifacts/screenshots/<name>-<lang>-<width>.png and an axe check of every variant. Fails, after
 * taking them all, if any variant has serious or critical violations. Leaves the page in its
 * language and viewport.
 */
export async function captureScreen(
  page: Page,
  name: string,
  { languages = LANGUAGES, widths = WIDTHS }: CaptureOptions = {},
): Promise<void> {
  const viewport = page.viewportSize() ?? { width: 1280, height: 800 };
  const initial = await pageLanguage(page);
  const failures: string[] = [];
  mkdirSync(SCREENSHOTS, { recursive: true });
  for (const language of languages) {
    await setLanguage(page, language);
    for (const width of widths) {
      await page.setViewportSize({ width, height: viewport.height });
      // From the top (a full-page picture of a scrolled page draws the fixed header, and the
      // skip link hidden above it, in the middle), once media queries have re-rendered.
      await page.evaluate(
        () =>
          new Promise((done) => {
            window.scrollTo(0, 0);
            requestAnimationFrame(() => requestAnimationFrame(done));
          }),
      );
      const variant = `${name}-${language}-${width}`;
      await page.screenshot({
        path: path.join(SCREENSHOTS, `${variant}.png`),
        fullPage: true,
        animations: 'disabled',
        caret: 'hide',
      });
      await expectAccessible(page, variant).catch((error: Error) => failures.push(error.message));
    }
  }
  await page.setViewportSize(viewport);
  if ((LANGUAGES as readonly string[]).includes(initial))
    await setLanguage(page, initial as Language);
  if (failures.length > 0) throw new Error(failures.join('\n'));
}
