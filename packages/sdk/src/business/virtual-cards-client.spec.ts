import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AiforySandbox } from '@cardcoop/aifory-sandbox';
import { grantPlatformRole } from '../../../../apps/server/test/support/platform-fixture.js';
import { putOnStaff, setSteppedUp } from '../../../../apps/server/test/support/staff-fixture.js';
import {
  extendedCooperative,
  sandboxFor,
} from '../../../../apps/server/test/support/virtual-cards-scene.js';
import { errorCode } from '../testing/member-fixture.js';
import { memberEachTest } from '../testing/member-scene.js';
import { createBusinessClient } from './business-client.js';
import { createPlatformClient } from './platform-client.js';

const scene = memberEachTest();
const userId = () => scene.fixture.registered.tokens.user_id;
const today = () => new Date().toISOString().slice(0, 10);
const usd = (amount: number) => ({ amount, currency: 'USD' });
let sandbox: AiforySandbox;

beforeAll(async () => {
  sandbox = await sandboxFor(scene.server, { masterBalance: usd(1_000_000) });
});
afterAll(() => sandbox.close());

describe('platform.virtualCards', () => {
  it('funds and allocates with an idempotency key, shows the master account, reconciles, reports', async () => {
    await extendedCooperative(scene.server, 'sdkvcfund', 0);
    const platform = createPlatformClient(scene.member);
    expect(await errorCode(platform.virtualCards.master())).toBe('FORBIDDEN');
    await grantPlatformRole(scene.server, userId(), 'platform_admin');
    const unproven = platform.virtualCards.fund({
      coopname: null,
      amount: usd(1),
      reference: 'no step-up',
    });
    expect(await errorCode(unproven)).toBe('STEP_UP_REQUIRED');
    await setSteppedUp(scene.server, scene.fixture.registered.tokens.session_id, 0);

    const key = crypto.randomUUID();
    const input = { coopname: null, amount: usd(800_000), reference: 'wire 1' };
    const funded = await platform.virtualCards.fund(input, { idempotencyKey: key });
    expect(funded).toMatchObject({ coopname: null, balance: usd(800_000) });
    const again = await platform.virtualCards.fund(input, { idempotencyKey: key });
    expect(again.posting_id).toBe(funded.posting_id);
    await platform.virtualCards.fund({
      coopname: 'sdkvcfund',
      amount: usd(200_000),
      reference: 'wire 2',
    });
    const allocated = await platform.virtualCards.allocate({
      coopname: 'sdkvcfund',
      amount: usd(300_000),
    });
    expect(allocated.balance).toEqual(usd(500_000));
    expect(
      await errorCode(
        platform.virtualCards.allocate({ coopname: 'sdkvcfund', amount: usd(500_001) }),
      ),
    ).toBe('INSUFFICIENT_FUNDS');

    const master = await platform.virtualCards.master();
    expect(master.provider).toEqual(usd(1_000_000));
    expect(master.ledger.expected).toEqual([usd(1_000_000)]);
    expect(master.trial_balance_ok).toBe(true);

    const run = await platform.virtualCards.reconcile();
    expect(run.difference_count).toBe(0);
    expect((await platform.virtualCards.reconciliations(5)).items[0]!.id).toBe(run.id);

    const report = await platform.virtualCards.report({ from: today(), to: today() });
    expect(report.cooperatives).toEqual([]);
    const csv = await platform.virtualCards.reportCsv({ from: today(), to: today() });
    expect(csv.content_type).toContain('text/csv');
    // Headers in the client's language (Russian by default).
    expect(new TextDecoder().decode(csv.bytes)).toContain('Остаток на начало');
  });
});

describe('business.virtualCards', () => {
  it('reads the panel as a viewer, sets the conditions as an owner, downloads the report', async () => {
    await extendedCooperative(scene.server, 'sdkvcpanel', 0);
    const business = createBusinessClient(scene.member);
    expect(await errorCode(business.virtualCards.overview('sdkvcpanel'))).toBe('FORBIDDEN');
    await putOnStaff(scene.server, 'sdkvcpanel', userId(), 'viewer');
    const overview = await business.virtualCards.overview('sdkvcpanel');
    expect(overview).toMatchObject({
      coopname: 'sdkvcpanel',
      extended: true,
      funds: [],
      cards: { active: 0, frozen: 0, closed: 0 },
      conditions: { issuing: true, revision: 1 },
    });
    const conditions = {
      issuing: true,
      max_cards_per_member: 2,
      monthly_top_up_cap: null,
      low_funds_threshold: 10_000,
      default_limits: { per_transaction: null, daily: 50_000, monthly: null },
      expected_revision: overview.conditions.revision,
    };
    expect(await errorCode(business.virtualCards.setConditions('sdkvcpanel', conditions))).toBe(
      'FORBIDDEN',
    );
    expect(await business.virtualCards.cards('sdkvcpanel')).toEqual({
      items: [],
      next_cursor: null,
    });
    expect(await business.virtualCards.topUps('sdkvcpanel', { from: today() })).toEqual({
      items: [],
      next_cursor: null,
    });
    const report = await business.virtualCards.report('sdkvcpanel', { from: today(), to: today() });
    expect(report).toMatchObject({ coopname: 'sdkvcpanel', totals: [], cards: [] });
    const xlsx = await business.virtualCards.reportXlsx('sdkvcpanel', {
      from: today(),
      to: today(),
    });
    expect(xlsx.file_name).toBe('virtual-cards-report.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.bytes.slice().buffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Сводка', 'Карты']);
    const csv = await business.virtualCards.reportCsv('sdkvcpanel', { from: today(), to: today() });
    expect(new TextDecoder().decode(csv.bytes)).toContain('Остаток на начало');

    await putOnStaff(scene.server, 'sdkvcpanel', userId(), 'owner');
    const changed = await business.virtualCards.setConditions('sdkvcpanel', conditions);
    expect(changed).toMatchObject({ max_cards_per_member: 2, revision: 2 });
    expect(await errorCode(business.virtualCards.setConditions('sdkvcpanel', conditions))).toBe(
      'CONFLICT',
    );
    expect((await business.virtualCards.overview('sdkvcpanel')).low_funds).toBe(true);
  });
});
