// The test plays the cooperative in Node (its credentials never reach the page), as its server
// would.
// eslint-disable-next-line no-restricted-imports
import { cancelMeeting, publishMeeting } from '@cardcoop/sdk/coop';
// eslint-disable-next-line no-restricted-imports
import type { CoopCredentials } from '@cardcoop/sdk/coop';
import type { PublishMeeting } from '@cardcoop/contracts';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anna } from '../../../../packages/sdk/src/testing/card-fixtures.js';
import { startAppServer } from '../support/app-server.js';
import type { AppServer } from '../support/app-server.js';
import { setupBrowser, ZOD_EVAL_PROBE } from '../support/browser.js';
import { confirmMembership, registerCooperative } from '../support/cooperatives.js';
import { signInToMember } from '../support/member-sign-in.js';
import { captureScreen } from '../support/screens.js';

const PASSWORD = 'meetings in the browser';
const COOP = 'voskhod';
const COOP_NAME = 'ПК ВОСХОД';
const DAY_MS = 86_400_000;

let counter = 0;
const newEmail = () => `meetings${Date.now()}-${++counter}@coop.example`;
const section = (page: Page, name: string) => page.getByRole('region', { name, exact: true });
const menu = (page: Page) => page.getByRole('banner').getByRole('navigation');
const eventually = <T>(value: () => T | Promise<T>) => expect.poll(value, { timeout: 15_000 });

/** `YYYY-MM-DD` of the day `days` from now (UTC). */
const dayFromNow = (days: number) =>
  new Date(Date.now() + days * DAY_MS).toISOString().slice(0, 10);

/**
 * A meeting in Yekaterinburg (UTC+5) from 18:30 to 20:00, `days` from now: the browser (Moscow,
 * UTC+3) shows it at 16:30 its own time and 18:30 where it happens.
 */
function meetingIn(days: number, title: string): PublishMeeting {
  const day = dayFromNow(days);
  return {
    kind: 'general_meeting',
    title,
    agenda: [{ title: 'Отчёт совета', speaker: 'Председатель совета' }],
    starts_at: `${day}T18:30:00+05:00`,
    ends_at: `${day}T20:00:00+05:00`,
    time_zone: 'Asia/Yekaterinburg',
    place: 'Екатеринбург, ул. Ленина, 1',
    online_url: 'https://meet.example.org/voskhod',
    documents: [{ title: 'Проект решения', url: 'https://docs.example.org/decision.pdf' }],
    registration_deadline: `${day}T12:00:00+05:00`,
  };
}

// Meetings in the member's web app (issue 13): a cooperative publishes a meeting over its API;
// the member sees it in the list, on the month calendar and in the details (their time and the
// meeting's), answers it, is refused after the deadline, sees a cancelled one marked, and
// subscribes a calendar to the secret feed, then revokes it.
describe('meetings: /member/meetings', () => {
  let server: AppServer;
  let voskhod: CoopCredentials;

  beforeAll(async () => {
    server = await startAppServer();
    voskhod = await registerCooperative(server, COOP, COOP_NAME);
  });
  afterAll(async () => {
    await server?.close();
  });
  const browser = setupBrowser({ baseURL: () => server.url, allow: [ZOD_EVAL_PROBE] });

  /** A member with a confirmed membership in the cooperative, signed in on the page. */
  async function signedInMember(page: Page): Promise<void> {
    const email = newEmail();
    const member = await server.registerMember(email, PASSWORD);
    await member.card.issue(anna);
    const { username } = await member.card.createAccount(COOP);
    await confirmMembership(voskhod, username);
    await signInToMember(page, email, PASSWORD);
  }

  it('a published meeting shows on the home, in the list, on its calendar day and in the details with both times; the answer is saved', async () => {
    const { page } = browser;
    const title = 'Общее собрание пайщиков';
    const meeting = meetingIn(3, title);
    await publishMeeting(voskhod, 'gm-list', meeting);
    await signedInMember(page);

    const next = section(page, 'Ближайшее собрание');
    await eventually(() => next.textContent()).toContain(title);
    expect(await next.textContent()).toContain(COOP_NAME);

    await menu(page).getByRole('link', { name: 'Собрания', exact: true }).click();
    await page.waitForURL('**/member/meetings');
    // The menu marks Meetings alone as current, not the home it lies under.
    await eventually(() => menu(page).locator('[aria-current="page"]').allTextContents()).toEqual([
      'Собрания',
    ]);
    const upcoming = section(page, 'Предстоящие');
    const line = upcoming.getByRole('listitem').filter({ hasText: title });
    await line.waitFor();
    expect(await line.textContent()).toContain(COOP_NAME);
    expect(await line.textContent()).toContain('16:30');
    await eventually(() => section(page, 'Прошедшие').textContent()).toContain(
      'Прошедших собраний нет.',
    );
    await captureScreen(page, 'meetings-list');

    // The calendar opens on today's month; the meeting's day is at most a month on.
    await page.getByText('Календарь', { exact: true }).click();
    const moscowMonth = new Date(Date.now() + 3 * 3_600_000).toISOString().slice(0, 7);
    if (dayFromNow(3).slice(0, 7) !== moscowMonth)
      await page.getByRole('button', { name: 'Следующий месяц' }).click();
    const day = page.getByRole('button', { name: /: 1 собрание$/ });
    await day.click();
    await eventually(() => day.getAttribute('aria-pressed')).toBe('true');
    const dayList = page.getByRole('region', { name: /^Собрания \d/ });
    await eventually(() => dayList.textContent()).toContain(title);
    await captureScreen(page, 'meetings-calendar');
    // Keyboard: the arrow moves the selection (and the focus) to the next day, which has none.
    await day.focus();
    await page.keyboard.press('ArrowRight');
    await eventually(() => dayList.textContent()).toContain('В этот день собраний нет.');
    await eventually(() =>
      page.evaluate(() => document.activeElement?.getAttribute('aria-pressed')),
    ).toBe('true');
    await page.keyboard.press('ArrowLeft');
    await eventually(() => dayList.textContent()).toContain(title);

    await dayList.getByRole('link', { name: title }).click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    const main = page.getByRole('main');
    await eventually(() => main.textContent()).toContain(COOP_NAME);
    const text = (await main.textContent()) ?? '';
    expect(text).toContain('16:30 – 18:00');
    expect(text).toMatch(/По месту проведения: .*18:30.*Екатеринбург/u);
    expect(text).toContain('Отчёт совета');
    expect(text).toContain('Екатеринбург, ул. Ленина, 1');
    const decision = page.getByRole('link', { name: /Проект решения/ });
    expect(await decision.getAttribute('target')).toBe('_blank');
    expect(await decision.getAttribute('rel')).toContain('noopener');

    await page.getByRole('button', { name: 'Приду', exact: true }).click();
    await page.getByText('Ответ сохранён.').waitFor();
    await page.getByText('Ваш ответ: Приду').waitFor();
    // Away and back (a reload would ask for the password again): the answer is the server's.
    await page.getByRole('link', { name: 'Все собрания' }).click();
    await section(page, 'Предстоящие').getByRole('link', { name: title }).click();
    await page.getByText('Ваш ответ: Приду').waitFor();
    expect(
      await page.getByRole('button', { name: 'Приду', exact: true }).getAttribute('aria-pressed'),
    ).toBe('true');
    // The security history, already loaded by the home, shows the answer at once.
    await menu(page).getByRole('link', { name: 'Безопасность', exact: true }).click();
    await page
      .getByText(/Ответ на приглашение на собрание кооператива/u)
      .first()
      .waitFor({ timeout: 5000 });
    await menu(page).getByRole('link', { name: 'Собрания', exact: true }).click();
    await section(page, 'Предстоящие').getByRole('link', { name: title }).click();
    await page.getByText('Ваш ответ: Приду').waitFor();
    await captureScreen(page, 'meeting-details');
    browser.expectNoProblems();
  }, 180_000);

  it('after the deadline the answer is refused with the reason; a cancelled meeting shows cancelled', async () => {
    const { page } = browser;
    const open = meetingIn(5, 'Собрание с дедлайном');
    await publishMeeting(voskhod, 'gm-deadline', open);
    const cancelled = await publishMeeting(voskhod, 'gm-cancelled', meetingIn(6, 'Отменённое'));
    await cancelMeeting(voskhod, 'gm-cancelled');
    await signedInMember(page);

    await menu(page).getByRole('link', { name: 'Собрания', exact: true }).click();
    await section(page, 'Предстоящие').getByRole('link', { name: 'Собрание с дедлайном' }).click();
    await page.getByRole('heading', { level: 1, name: 'Собрание с дедлайном' }).waitFor();
    // The cooperative moves the deadline into the past while the page is open.
    await publishMeeting(voskhod, 'gm-deadline', {
      ...open,
      registration_deadline: new Date(Date.now() - 60_000).toISOString(),
    });
    await page.getByRole('button', { name: 'Приду', exact: true }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'Ответ не принят' });
    await eventually(() => refusal.textContent()).toMatch(
      /приём ответов закрыт\. Приём ответов закрыт: срок регистрации истёк/u,
    );
    await eventually(() =>
      page.getByRole('button', { name: 'Приду', exact: true }).isDisabled(),
    ).toBe(true);

    await page.getByRole('link', { name: 'Все собрания' }).click();
    const listed = section(page, 'Предстоящие')
      .getByRole('listitem')
      .filter({ hasText: 'Отменённое' });
    await listed.waitFor();
    expect(await listed.textContent()).toContain('Отменено');
    await listed.getByRole('link', { name: 'Отменённое' }).click();
    await page.waitForURL(`**/member/meetings/${cancelled.id}`);
    await page.getByRole('heading', { level: 1, name: 'Отменённое' }).waitFor();
    await page.getByText('Кооператив отменил это собрание.').waitFor();
    await page.getByText('Собрание отменено — ответ не принимается.').waitFor();
    expect(await page.getByRole('button', { name: 'Приду', exact: true }).isDisabled()).toBe(true);
    browser.expectNoProblems();
  }, 120_000);

  it('the calendar feed: the URL is shown once, a calendar fetches the meetings from it; revoked, it answers 404', async () => {
    const { page } = browser;
    await publishMeeting(voskhod, 'gm-feed', meetingIn(4, 'Собрание в календаре'));
    await signedInMember(page);
    await menu(page).getByRole('link', { name: 'Собрания', exact: true }).click();
    await page.getByRole('button', { name: 'Календарь в телефоне' }).click();
    const dialog = page.getByRole('dialog', { name: 'Подписка на календарь' });
    await dialog.getByRole('button', { name: 'Создать ссылку' }).click();
    const field = dialog.getByLabel('Ссылка на календарь');
    await field.waitFor();
    const url = await field.inputValue();
    expect(url).toMatch(/^http/);
    await dialog.getByText('Ссылка показана один раз — скопируйте её сейчас.').waitFor();

    const feed = await fetch(url);
    expect(feed.status).toBe(200);
    const ics = await feed.text();
    expect(ics).toContain('BEGIN:VCALENDAR');
    expect(ics).toContain('Собрание в календаре');

    // Closed and opened again, the dialog no longer shows it.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Календарь в телефоне' }).click();
    await dialog.waitFor();
    expect(await dialog.getByLabel('Ссылка на календарь').count()).toBe(0);

    await dialog.getByRole('button', { name: 'Отозвать ссылку' }).click();
    await dialog.getByText('Отозвать ссылку на календарь?').waitFor();
    await dialog.getByRole('button', { name: 'Отозвать', exact: true }).click();
    await dialog.getByText('Ссылка отозвана.').waitFor();
    expect((await fetch(url)).status).toBe(404);
    browser.expectNoProblems();
  }, 120_000);
  it('a month with more meetings than the calendar asks for says so; a month within it does not', async () => {
    const { page } = browser;
    const days = 400;
    // Signed up first: the announcements of 200 meetings fill the dev mailbox.
    await signedInMember(page);
    // 200 meetings on one day, published ten at a time: the calendar's month page is full.
    for (let batch = 0; batch < 20; batch += 1) {
      await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          publishMeeting(
            voskhod,
            `busy-${batch}-${i}`,
            meetingIn(days, `Встреча ${batch * 10 + i}`),
          ),
        ),
      );
    }
    // A reload locks the card: opened again with the password.
    await page.goto(`/member/meetings?view=calendar&day=${dayFromNow(days)}`);
    await page.getByLabel(/^Пароль/).fill(PASSWORD);
    await page.getByRole('button', { name: 'Открыть карту' }).click();
    const more = page.getByRole('status').filter({ hasText: 'первые 200 собраний этого месяца' });
    await more.waitFor();
    await page.getByRole('button', { name: 'Следующий месяц' }).click();
    await eventually(() => page.getByTestId('meetings-month-more').count()).toBe(0);
    browser.expectNoProblems();
  }, 180_000);
});
