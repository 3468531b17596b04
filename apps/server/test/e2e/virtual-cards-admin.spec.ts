import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  businessTopUpPageSchema,
  businessVirtualCardPageSchema,
  businessVirtualCardsOverviewSchema,
  fundingResultSchema,
  issueVirtualCardResultSchema,
  reconciliationListSchema,
  reconciliationRunSchema,
  virtualCardConditionsStateSchema,
  virtualCardsMasterSchema,
  virtualCardsReportSchema,
  platformVirtualCardsReportSchema,
} from '@cardcoop/contracts';
import type { AiforySandbox } from '@cardcoop/aifory-sandbox';
import { DATABASE } from '../../src/db/database.module.js';
import type { Database } from '../../src/db/database.js';
import { AiforyEndpoint } from '../../src/modules/aifory/provider/aifory-provider.module.js';
import { PLATFORM_AUDIT_SUBJECT } from '../../src/modules/admin/admin-events.js';
import { CooperativesService } from '../../src/modules/cooperatives/cooperatives.service.js';
import { cardAccount, coopFunds, PROVIDER_MASTER } from '../../src/modules/ledger/accounts.js';
import { LedgerService } from '../../src/modules/ledger/ledger.service.js';
import { MoneySettlement } from '../../src/modules/virtual-cards/money-settlement.js';
import { VirtualCardsRepository } from '../../src/modules/virtual-cards/virtual-cards.repository.js';
import { MonthlyReports } from '../../src/modules/virtual-cards-admin/monthly-reports.js';
import { PLATFORM_FIXTURE_ENV, platformMember } from '../support/platform-fixture.js';
import type { PlatformFixtureMember } from '../support/platform-fixture.js';
import { mailsTo } from '../support/raw-member.js';
import { putOnStaff, staffMember } from '../support/staff-fixture.js';
import { startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';
import {
  cardMember,
  call,
  extendedCooperative,
  sandboxFor,
} from '../support/virtual-cards-scene.js';
import type { CardMember } from '../support/virtual-cards-scene.js';

/**
 * The cooperative's and the operator's side of virtual cards (issue 15) against the sandbox:
 * funding and allocation post balanced and audited, roles, revision-checked conditions, reports
 * that add up (JSON, CSV, XLSX), reconciliation clean and after a lost deposit answer, the
 * monthly report sent once.
 */

type Caller = { token: string };
const ADMIN = '/admin/virtual-cards';
const panel = (coopname: string) => `/business/cooperatives/${coopname}/virtual-cards`;
const today = () => new Date().toISOString().slice(0, 10);
const usd = (amount: number) => ({ amount, currency: 'USD' });

async function json(response: Response): Promise<unknown> {
  return response.json();
}

const database = (server: TestApp) => server.app.get<Database>(DATABASE).primary;

async function platformEvents(server: TestApp, type: string) {
  const result = (await database(server).execute(
    sql`select data from audit_events where subject_id = ${PLATFORM_AUDIT_SUBJECT}::uuid and type = ${type} order by id`,
  )) as unknown as { rows: { data: Record<string, unknown> }[] };
  return result.rows.map((row) => row.data);
}

async function trialBalanceIsZero(server: TestApp) {
  const trial = await server.app.get(LedgerService).ledger.trialBalance();
  return Object.values(trial).every((sum) => sum === 0);
}

describe('virtual cards: the operator and the business panel', () => {
  let server: TestApp;
  let sandbox: AiforySandbox;
  let admin: PlatformFixtureMember;
  let reviewer: PlatformFixtureMember;
  let owner: Caller & { userId: string; email: string };
  let manager: Caller & { userId: string };
  let viewer: Caller;
  let holder: CardMember;
  let cardId: string;
  const coopname = 'vcadmin';

  const balance = (account: string) => server.app.get(LedgerService).ledger.balance(account, 'USD');

  beforeAll(async () => {
    server = await startTestApp({ env: { ...PLATFORM_FIXTURE_ENV, LOG_LEVEL: 'warn' } });
    sandbox = await sandboxFor(server, { masterBalance: usd(10_000_000) });
    const coop = await extendedCooperative(server, coopname, 0);
    admin = await platformMember(server, 'platform_admin', { steppedUp: true });
    reviewer = await platformMember(server, 'operator_reviewer');
    const onStaff = async (role: 'owner' | 'admin' | 'viewer') => {
      const member = await staffMember(server, `vc.${role}.${Date.now()}`);
      await putOnStaff(server, coopname, member.userId, role);
      return member;
    };
    owner = await onStaff('owner');
    manager = await onStaff('admin');
    viewer = await onStaff('viewer');
    holder = await cardMember(server, coop);
  }, 90_000);
  afterAll(async () => {
    await sandbox?.close();
    await server?.close();
  });

  it('funds the master account unallocated and for a cooperative, allocates, each balanced and audited once', async () => {
    const key = randomUUID();
    const body = { coopname: null, amount: usd(9_000_000), reference: 'wire 2026-12-01' };
    const funded = await call(server, admin, 'POST', `${ADMIN}/fund`, body, key);
    expect(funded.status).toBe(201);
    const first = fundingResultSchema.parse(await json(funded));
    expect(first.balance).toEqual(usd(9_000_000));
    // The same key and body: the first answer, no second posting.
    const again = await call(server, admin, 'POST', `${ADMIN}/fund`, body, key);
    expect(fundingResultSchema.parse(await json(again)).posting_id).toBe(first.posting_id);
    const reused = await call(
      server,
      admin,
      'POST',
      `${ADMIN}/fund`,
      { ...body, reference: 'x' },
      key,
    );
    expect(reused.status).toBe(409);

    const direct = await call(
      server,
      admin,
      'POST',
      `${ADMIN}/fund`,
      {
        coopname,
        amount: usd(1_000_000),
        reference: 'invoice 17',
      },
      randomUUID(),
    );
    expect(fundingResultSchema.parse(await json(direct)).balance).toEqual(usd(1_000_000));

    const allocated = await call(
      server,
      admin,
      'POST',
      `${ADMIN}/allocate`,
      {
        coopname,
        amount: usd(2_000_000),
      },
      randomUUID(),
    );
    expect(allocated.status).toBe(201);
    expect(fundingResultSchema.parse(await json(allocated)).balance).toEqual(usd(3_000_000));

    const tooMuch = await call(
      server,
      admin,
      'POST',
      `${ADMIN}/allocate`,
      {
        coopname,
        amount: usd(7_000_001),
      },
      randomUUID(),
    );
    expect(tooMuch.status).toBe(422);
    expect(((await json(tooMuch)) as { code: string }).code).toBe('INSUFFICIENT_FUNDS');

    expect(await balance(PROVIDER_MASTER)).toBe(7_000_000);
    expect(await balance(coopFunds(coopname))).toBe(3_000_000);
    expect(await trialBalanceIsZero(server)).toBe(true);
    const fundedEvents = await platformEvents(server, 'virtual_cards.master_funded');
    expect(fundedEvents).toHaveLength(2);
    expect(fundedEvents[0]).toMatchObject({
      actor: admin.userId,
      coopname: null,
      amount: 9_000_000,
      currency: 'USD',
      reference: 'wire 2026-12-01',
      posting_id: first.posting_id,
    });
    const allocatedEvents = await platformEvents(server, 'virtual_cards.funds_allocated');
    expect(allocatedEvents).toEqual([
      expect.objectContaining({ coopname, amount: 2_000_000, actor: admin.userId }),
    ]);
  });

  it('shows the master account: the provider’s balance equal to the ledger’s view, trial balance 0', async () => {
    const response = await call(server, reviewer, 'GET', ADMIN);
    expect(response.status).toBe(200);
    const master = virtualCardsMasterSchema.parse(await json(response));
    expect(master.provider).toEqual(usd(10_000_000));
    expect(master.ledger).toEqual({
      unallocated: [usd(7_000_000)],
      cooperatives: [usd(3_000_000)],
      in_transit: [],
      expected: [usd(10_000_000)],
    });
    expect(master.trial_balance_ok).toBe(true);
    expect(master.cooperatives).toEqual([{ coopname, funds: [usd(3_000_000)] }]);
  });

  it('lets the reviewer read but not move money without a step-up; a plain member or a coop viewer not at all', async () => {
    const body = { coopname: null, amount: usd(1), reference: 'r' };
    const unproven = await call(server, reviewer, 'POST', `${ADMIN}/fund`, body, randomUUID());
    expect(unproven.status).toBe(403);
    expect(((await json(unproven)) as { code: string }).code).toBe('STEP_UP_REQUIRED');
    expect((await call(server, viewer, 'GET', ADMIN)).status).toBe(403);
    expect((await call(server, holder, 'GET', `${ADMIN}/reconciliations`)).status).toBe(403);
    expect((await call(server, holder, 'GET', panel(coopname))).status).toBe(403);
    expect(await balance(PROVIDER_MASTER)).toBe(7_000_000);
  });

  it('reconciles a clean ledger with 0 differences', async () => {
    const response = await call(server, admin, 'POST', `${ADMIN}/reconcile`);
    expect(response.status).toBe(201);
    const run = reconciliationRunSchema.parse(await json(response));
    expect(run).toMatchObject({ trigger: 'admin', difference_count: 0, differences: [] });
    expect(run.summary.outcome).toBe('ok');
  });

  it('a card issued, topped up and spent: the report adds up, per card and per currency', async () => {
    const issued = await call(
      server,
      holder,
      'POST',
      '/aifory/issue-card',
      {
        coopname,
        holder_name: 'REPORT TESTER',
      },
      randomUUID(),
    );
    expect(issued.status).toBe(201);
    cardId = issueVirtualCardResultSchema.parse(await json(issued)).card!.card_id;
    const topUp = await call(
      server,
      holder,
      'POST',
      '/aifory/top-up',
      {
        card_id: cardId,
        amount: usd(10_000),
      },
      randomUUID(),
    );
    expect(topUp.status).toBe(200);
    const row = await server.app.get(VirtualCardsRepository).find(cardId);
    sandbox.purchase(row!.providerCardId, 2_500, 'Coffee Shop');
    await expect.poll(() => balance(cardAccount(cardId)), { timeout: 10_000 }).toBe(7_500);

    const response = await call(
      server,
      viewer,
      'GET',
      `${panel(coopname)}/report?from=${today()}&to=${today()}`,
    );
    expect(response.status).toBe(200);
    const report = virtualCardsReportSchema.parse(await json(response));
    const fees = 500 + 150; // the issue fee, 1.5% of the top-up
    expect(report.totals).toEqual([
      {
        currency: 'USD',
        purchases: 2_500,
        purchase_count: 1,
        refunds: 0,
        top_ups: 10_000,
        top_up_count: 1,
        fees,
        opening_balance: 0,
        closing_balance: 7_500,
      },
    ]);
    expect(report.cards).toEqual([
      expect.objectContaining({
        card_id: cardId,
        username: holder.username,
        last4: row!.last4,
        opening_balance: 0,
        top_ups: 10_000,
        spent: 2_500,
        refunds: 0,
        closing_balance: 7_500,
      }),
    ]);
    const [card] = report.cards;
    expect(card!.opening_balance + card!.top_ups - card!.spent + card!.refunds).toBe(
      card!.closing_balance,
    );
    // The funds went down by what reached the card and the fees.
    expect(await balance(coopFunds(coopname))).toBe(3_000_000 - 10_000 - fees);

    // Before the card existed: nothing.
    const earlier = await call(
      server,
      viewer,
      'GET',
      `${panel(coopname)}/report?from=2026-01-01&to=2026-01-31`,
    );
    expect(virtualCardsReportSchema.parse(await json(earlier))).toMatchObject({
      totals: [],
      cards: [],
    });
    // Over 366 days: refused.
    const tooLong = await call(
      server,
      viewer,
      'GET',
      `${panel(coopname)}/report?from=2024-01-01&to=2026-01-31`,
    );
    expect(tooLong.status).toBe(422);

    const platform = await call(
      server,
      reviewer,
      'GET',
      `${ADMIN}/report?from=${today()}&to=${today()}`,
    );
    const across = platformVirtualCardsReportSchema.parse(await json(platform));
    expect(across.cooperatives.map((entry) => entry.coopname)).toEqual([coopname]);
    expect(across.totals).toEqual(report.totals);
  });

  it('shows the overview, the cards (no number, CVV or expiry) and the top-ups to a viewer', async () => {
    const overview = businessVirtualCardsOverviewSchema.parse(
      await json(await call(server, viewer, 'GET', panel(coopname))),
    );
    expect(overview).toMatchObject({
      coopname,
      extended: true,
      funds: [usd(3_000_000 - 10_650)],
      in_transit: [],
      pending_operations: 0,
      cards: { active: 1, frozen: 0, closed: 0 },
      conditions: { issuing: true, revision: 1 },
    });

    const cardsResponse = await call(server, viewer, 'GET', `${panel(coopname)}/cards`);
    const text = await cardsResponse.text();
    const provider = sandbox.cards()[0]!;
    // The number and the expiry appear nowhere; the three-digit CVV is no field's value (its
    // digits may well appear inside an id, a last4 or a time).
    expect(text).not.toContain(provider.pan);
    expect(text).not.toContain(provider.expiry);
    const leaves = (value: unknown): unknown[] =>
      value && typeof value === 'object' ? Object.values(value).flatMap(leaves) : [value];
    expect(leaves(JSON.parse(text))).not.toContain(provider.cvv);
    const cards = businessVirtualCardPageSchema.parse(JSON.parse(text));
    expect(cards.items).toEqual([
      expect.objectContaining({ card_id: cardId, username: holder.username, balance: usd(7_500) }),
    ]);
    expect(cards.next_cursor).toBeNull();

    const topUps = businessTopUpPageSchema.parse(
      await json(await call(server, viewer, 'GET', `${panel(coopname)}/top-ups?limit=1`)),
    );
    expect(topUps.items).toEqual([
      expect.objectContaining({
        kind: 'card_topup',
        status: 'confirmed',
        amount: usd(10_000),
        fee: usd(150),
      }),
    ]);
    const next = businessTopUpPageSchema.parse(
      await json(
        await call(
          server,
          viewer,
          'GET',
          `${panel(coopname)}/top-ups?limit=1&cursor=${topUps.next_cursor}`,
        ),
      ),
    );
    expect(next.items).toEqual([expect.objectContaining({ kind: 'card_issue', fee: usd(500) })]);
  });

  it('downloads the report as CSV (ru and en headers) and XLSX (two sheets)', async () => {
    const query = `from=${today()}&to=${today()}`;
    const csv = await fetch(`${server.url}/api/v1${panel(coopname)}/report.csv?${query}`, {
      headers: { authorization: `Bearer ${viewer.token}`, 'accept-language': 'en' },
    });
    expect(csv.headers.get('content-disposition')).toContain('attachment');
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe(
      'Cooperative,Member,Card,Currency,Opening balance,Top-ups,Purchases,Refunds,Closing balance',
    );
    const { last4 } = (await server.app.get(VirtualCardsRepository).find(cardId))!;
    expect(lines[1]).toBe(
      `${coopname},${holder.username},${last4},USD,0.00,100.00,25.00,0.00,75.00`,
    );
    const ru = await fetch(`${server.url}/api/v1${panel(coopname)}/report.csv?${query}`, {
      headers: { authorization: `Bearer ${viewer.token}`, 'accept-language': 'ru' },
    });
    expect((await ru.text()).split('\r\n')[0]).toContain('Остаток на начало');

    const xlsx = await fetch(`${server.url}/api/v1${panel(coopname)}/report.xlsx?${query}`, {
      headers: { authorization: `Bearer ${viewer.token}`, 'accept-language': 'en' },
    });
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-disposition')).toContain('attachment');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Summary', 'Cards']);
    const cards = workbook.getWorksheet('Cards')!;
    expect(cards.getRow(2).getCell(6).value).toBe('Top-ups');
    expect(cards.getRow(3).getCell(2).value).toBe(holder.username);
    expect(cards.getRow(3).getCell(6).value).toBe(100);
    expect(workbook.getWorksheet('Summary')!.getRow(3).getCell(8).value).toBe(6.5);

    const platformCsv = await fetch(`${server.url}/api/v1${ADMIN}/report.csv?${query}`, {
      headers: { authorization: `Bearer ${reviewer.token}` },
    });
    expect(platformCsv.status).toBe(200);
    expect(await platformCsv.text()).toContain(holder.username);
  });

  it('changes the conditions on the current revision only, audited; a viewer cannot', async () => {
    const conditions = {
      issuing: true,
      max_cards_per_member: 2,
      monthly_top_up_cap: 100_000,
      low_funds_threshold: 50_000,
      default_limits: { per_transaction: 20_000, daily: null, monthly: null },
    };
    const refused = await call(server, viewer, 'PUT', `${panel(coopname)}/conditions`, {
      ...conditions,
      expected_revision: 1,
    });
    expect(refused.status).toBe(403);
    const changed = await call(server, manager, 'PUT', `${panel(coopname)}/conditions`, {
      ...conditions,
      expected_revision: 1,
    });
    expect(changed.status).toBe(200);
    expect(virtualCardConditionsStateSchema.parse(await json(changed))).toMatchObject({
      ...conditions,
      revision: 2,
    });
    const stale = await call(server, owner, 'PUT', `${panel(coopname)}/conditions`, {
      ...conditions,
      max_cards_per_member: 5,
      expected_revision: 1,
    });
    expect(stale.status).toBe(409);
    expect(((await json(stale)) as { code: string }).code).toBe('CONFLICT');
    const events = (await database(server).execute(
      sql`select data from audit_events where subject_id = ${manager.userId}::uuid and type = 'virtual_cards.conditions_changed'`,
    )) as unknown as { rows: { data: Record<string, unknown> }[] };
    expect(events.rows.map((row) => row.data)).toEqual([
      expect.objectContaining({ coopname, role: 'admin', max_cards_per_member: 2 }),
    ]);

    // Below the extended level, issuing cannot be turned on.
    await server.app
      .get(CooperativesService)
      .create({ coopname: 'vcbasic', displayName: 'ПК vcbasic' });
    await putOnStaff(server, 'vcbasic', owner.userId, 'owner');
    const basic = await call(server, owner, 'PUT', `${panel('vcbasic')}/conditions`, {
      ...conditions,
      expected_revision: 0,
    });
    expect(basic.status).toBe(409);
    expect(((await json(basic)) as { code: string }).code).toBe('COOPERATIVE_NOT_EXTENDED');
    const off = await call(server, owner, 'PUT', `${panel('vcbasic')}/conditions`, {
      ...conditions,
      issuing: false,
      expected_revision: 0,
    });
    expect(off.status).toBe(200);
  });

  it('reconciles after real traffic with 0 differences, kept latest first', async () => {
    const response = await call(server, admin, 'POST', `${ADMIN}/reconcile`);
    const run = reconciliationRunSchema.parse(await json(response));
    expect(run.summary).toEqual({ cards_checked: 1, pending_operations: 0, outcome: 'ok' });
    expect(run.differences).toEqual([]);
    const list = reconciliationListSchema.parse(
      await json(await call(server, reviewer, 'GET', `${ADMIN}/reconciliations`)),
    );
    expect(list.items[0]!.id).toBe(run.id);
  });

  it('mails and notifies the owners of extended cooperatives the monthly report, once per month', async () => {
    const reports = server.app.get(MonthlyReports);
    // The first of next month: the report is this month's, with this test's operations in it.
    const month = today().slice(0, 7);
    const [year, index] = month.split('-').map(Number) as [number, number];
    const now = new Date(Date.UTC(year, index, 1, 5));
    expect(await reports.sendDue(now)).toEqual([coopname]);
    expect(await reports.sendDue(now)).toEqual([]);
    expect(await reports.sendDue(new Date(Date.UTC(year, index, 15, 5)))).toEqual([]);
    const notices = (await database(server).execute(
      sql`select user_id, data from notifications where type = 'virtual_card.monthly_report' and coopname = ${coopname} and data->>'month' = ${month}`,
    )) as unknown as { rows: { user_id: string; data: Record<string, unknown> }[] };
    expect(notices.rows).toEqual([{ user_id: owner.userId, data: { month } }]);
    await expect
      .poll(
        async () =>
          (await mailsTo(server.url, owner.email)).filter((mail) => mail.subject.includes(month)),
        { timeout: 10_000 },
      )
      .toHaveLength(1);
    const [mail] = (await mailsTo(server.url, owner.email)).filter((m) =>
      m.subject.includes(month),
    );
    expect(mail!.subject).toBe(
      `Отчёт по виртуальным картам за ${month} («ПК ${coopname}» (${coopname}))`,
    );
    expect(mail!.text).toContain(
      'USD: покупки 25.00 USD (1), возвраты 0.00 USD, пополнения 100.00 USD (1), комиссии 6.50 USD',
    );
    expect(mail!.text).toContain('бизнес-панели');
  });

  it('answers 503 with Retry-After for the master account when the provider cannot be reached', async () => {
    server.app.get(AiforyEndpoint).useSandbox('http://127.0.0.1:9');
    try {
      const response = await call(server, reviewer, 'GET', ADMIN);
      expect(response.status).toBe(503);
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(((await json(response)) as { code: string }).code).toBe('PROVIDER_UNAVAILABLE');
    } finally {
      server.app.get(AiforyEndpoint).useSandbox(sandbox.url);
    }
  });
});

describe('reconciliation when a deposit’s answer is lost', () => {
  let server: TestApp;
  let sandbox: AiforySandbox;
  let admin: PlatformFixtureMember;
  let holder: CardMember;
  const coopname = 'vcquiet';

  beforeAll(async () => {
    server = await startTestApp({
      env: { ...PLATFORM_FIXTURE_ENV, LOG_LEVEL: 'warn', AIFORY_TIMEOUT_MS: '300' },
    });
    // No webhooks: only the settlement job can learn the outcome.
    sandbox = await sandboxFor(server, { webhookUrl: undefined, masterBalance: usd(2_000_000) });
    const coop = await extendedCooperative(server, coopname, 2_000_000);
    admin = await platformMember(server, 'platform_admin', { steppedUp: true });
    holder = await cardMember(server, coop);
  }, 90_000);
  afterAll(async () => {
    await sandbox?.close();
    await server?.close();
  });

  const reconcile = async () =>
    reconciliationRunSchema.parse(
      await json(await call(server, admin, 'POST', `${ADMIN}/reconcile`)),
    );

  it('shows the pending operation and the differences it explains, then 0 once it is settled', async () => {
    const issued = await call(
      server,
      holder,
      'POST',
      '/aifory/issue-card',
      {
        coopname,
        holder_name: 'QUIET TESTER',
      },
      randomUUID(),
    );
    const card = issueVirtualCardResultSchema.parse(await json(issued)).card!;
    expect((await reconcile()).difference_count).toBe(0);

    sandbox.faults.inject({ mode: 'timeout', operation: 'cards/deposit/order', count: 10 });
    const topUp = await call(
      server,
      holder,
      'POST',
      '/aifory/top-up',
      {
        card_id: card.card_id,
        amount: usd(4_000),
      },
      randomUUID(),
    );
    sandbox.faults.clear();
    expect(topUp.status).toBe(202);
    const operationId = ((await json(topUp)) as { operation_id: string }).operation_id;
    // Pending for more than ten minutes.
    await database(server).execute(
      sql`update money_operations set created_at = created_at - interval '11 minutes' where id = ${operationId}::uuid`,
    );

    const during = await reconcile();
    expect(during.summary).toMatchObject({ pending_operations: 1, outcome: 'ok' });
    expect(during.differences).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'pending', operation_id: operationId, ours: 4_060 }),
        expect.objectContaining({
          kind: 'card',
          card_id: card.card_id,
          last4: card.last4,
          ours: 0,
          theirs: 4_000,
          delta: -4_000,
        }),
        expect.objectContaining({ kind: 'master', currency: 'USD', delta: 4_060 }),
      ]),
    );
    expect(during.difference_count).toBe(3);

    expect(await server.app.get(MoneySettlement).settlePending(0)).toBe(1);
    const after = await reconcile();
    expect(after).toMatchObject({ difference_count: 0, differences: [] });
    expect(await trialBalanceIsZero(server)).toBe(true);
  });
});
