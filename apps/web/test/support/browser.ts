import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { ARTIFACTS } from './screens.js';

/** Debian's Chromium (`apt-get install chromium`); CHROMIUM_PATH points elsewhere. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export interface PageProblem {
  /** `csp`: a Content Security Policy or Trusted Types violation, as Chromium logs it. */
  kind: 'console' | 'csp' | 'pageerror' | 'requestfailed' | 'http';
  text: string;
}

export interface BrowserOptions {
  /** Where `page.goto('/path')` goes; read when each test starts. */
  baseURL?: () => string;
  /** On top of the harness's defaults (1280×800, light, reduced motion). */
  context?: BrowserContextOptions;
  /** Problems every test of the file expects (matched against the problem's text). */
  allow?: RegExp[];
}

export interface BrowserSession {
  readonly browser: Browser;
  /** A new context (fresh cookies and storage) for each test. */
  readonly context: BrowserContext;
  readonly page: Page;
  /** What went wrong in the pages of this test so far. */
  readonly problems: readonly PageProblem[];
  /** Problems this test expects: they no longer fail it. */
  allow(...patterns: RegExp[]): void;
  /** Fails now if a problem not allowed happened (the harness checks again after the test). */
  expectNoProblems(): void;
}

/**
 * zod's `Function('')` probe, which Trusted Types refuse.
 * @deprecated The app turns it off (`z.config({ jitless: true })` in
 * apps/web/src/lib/zod-config.ts, before any schema is built): nothing should need to allow
 * it. Remove with its last use.
 */
export const ZOD_EVAL_PROBE = /requires 'TrustedScript' assignment/;

const CSP = /Content Security Policy|Trusted ?(Type|HTML|Script)|TrustedTypePolicy/i;
// Chromium logs every 4xx/5xx and network failure as a console error; the response and
// requestfailed listeners judge those with the URL at hand.
const NETWORK_LOG = /^Failed to load resource: /;

function watch(page: Page, record: (problem: PageProblem) => void): void {
  page.on('console', (message) => {
    const text = [message.text(), message.location().url].filter(Boolean).join(' at ');
    if (CSP.test(message.text())) record({ kind: 'csp', text });
    else if (message.type() === 'error' && !NETWORK_LOG.test(message.text()))
      record({ kind: 'console', text });
  });
  page.on('pageerror', (error) =>
    record({ kind: 'pageerror', text: error.stack ?? error.message }),
  );
  page.on('crash', () => record({ kind: 'pageerror', text: `page crashed at ${page.url()}` }));
  page.on('requestfailed', (request) => {
    const error = request.failure()?.errorText ?? 'failed';
    // Navigating away or an AbortController cancels requests; that is no fault.
    if (error === 'net::ERR_ABORTED') return;
    const text = `${request.method()} ${request.url()}: ${error}`;
    record({ kind: error === 'csp' ? 'csp' : 'requestfailed', text });
  });
  page.on('response', (response) => {
    const status = response.status();
    // An API answering 4xx is part of a flow (signed out, wrong code): tests check the UI.
    const api = new URL(response.url()).pathname.startsWith('/api/');
    if (status >= 500 || (status >= 400 && !api))
      record({ kind: 'http', text: `${status} ${response.request().method()} ${response.url()}` });
  });
}

function safeName(name: string): string {
  return name.replace(/[^\w.-]+/g, '-').slice(0, 120);
}

/**
 * Chromium for the tests of one file: launched once for the file, a new context and page for
 * each test. A test fails when its pages log an error, violate the CSP, throw, fail a request
 * or get a 5xx (4xx outside /api), unless it `allow`s the problem. A failing test leaves a
 * screenshot in artifacts/failures/.
 */
export function setupBrowser(options: BrowserOptions = {}): BrowserSession {
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  let problems: PageProblem[] = [];
  let allowed: RegExp[] = [];
  const inTest = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} exists inside a test only`);
    return value;
  };

  beforeAll(async () => {
    if (!existsSync(CHROMIUM_PATH))
      throw new Error(
        `Chromium not found at ${CHROMIUM_PATH}: apt-get install -y chromium (or set CHROMIUM_PATH)`,
      );
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH });
  });
  afterAll(async () => {
    await browser?.close();
  });

  beforeEach(async () => {
    problems = [];
    allowed = [...(options.allow ?? [])];
    context = await inTest(browser, 'the browser').newContext({
      viewport: { width: 1280, height: 800 },
      locale: 'ru-RU',
      timezoneId: 'Europe/Moscow',
      colorScheme: 'light',
      reducedMotion: 'reduce',
      // The app's service worker would cache and serve the shell and assets in every test (and
      // refetch them all at each install): tests of it opt in with `serviceWorkers: 'allow'`.
      serviceWorkers: 'block',
      ...(options.baseURL ? { baseURL: options.baseURL() } : {}),
      ...options.context,
    });
    context.setDefaultTimeout(15_000);
    context.on('page', (opened) => watch(opened, (problem) => problems.push(problem)));
    page = await context.newPage();
  });
  afterEach(async ({ task }) => {
    if (!context || !page) return;
    try {
      if (task.result?.state === 'fail') {
        const dir = path.join(ARTIFACTS, 'failures');
        mkdirSync(dir, { recursive: true });
        await page
          .screenshot({
            path: path.join(dir, `${safeName(task.fullTestName ?? task.name)}.png`),
            fullPage: true,
          })
          .catch(() => undefined);
      }
    } finally {
      await context.close();
      context = undefined;
      page = undefined;
    }
    expectNoProblems();
  });
  const expectNoProblems = () => {
    const unexpected = problems.filter(
      ({ text }) => !allowed.some((pattern) => pattern.test(text)),
    );
    if (unexpected.length > 0) {
      throw new Error(
        `Unexpected problems in the browser:\n${unexpected.map((p) => `  [${p.kind}] ${p.text}`).join('\n')}`,
      );
    }
  };

  return {
    get browser() {
      return inTest(browser, 'the browser');
    },
    get context() {
      return inTest(context, 'the context');
    },
    get page() {
      return inTest(page, 'the page');
    },
    get problems() {
      return problems;
    },
    allow(...patterns) {
      allowed.push(...patterns);
    },
    expectNoProblems,
  };
}
