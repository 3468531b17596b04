import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueVirtualCardResultSchema, topUpResultSchema } from '@cardcoop/contracts';
import type { TopUpResult, VirtualCard } from '@cardcoop/contracts';
import type { AiforySandbox } from '@cardcoop/aifory-sandbox';
import { DATABASE } from '../../src/db/database.module.js';
import { AiforyEndpoint } from '../../src/modules/aifory/provider/aifory-provider.module.js';
import type { Database } from '../../src/db/database.js';
import { cardAccount, coopFunds, TRANSIT_DEPOSITS } from '../../src/modules/ledger/accounts.js';
import { LedgerService } from '../../src/modules/ledger/ledger.service.js';
import { MoneySettlement } from '../../src/modules/virtual-cards/money-settlement.js';
import { VirtualCardsRepository } from '../../src/modules/virtual-cards/virtual-cards.repository.js';
import { dumpEveryTable } from '../support/database-dump.js';
import { startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';
import {
  call,
  cardMember,
  extendedCooperative,
  sandboxFor,
} from '../support/virtual-cards-scene.js';
import type { CardMember } from '../support/virtual-cards-scene.js';

/**
 * Money never created or lost when the provider fails during a top-up: a 500, a timeout (the
 * money moved, the answer never came), a slow answer, a webhook sent twice. The ledger sums to
 * zero after each, and once pending operations settle every card's balance equals the
 * provider's. Then: nothing of a card's number, CVV or expiry in the database, the debug log or
 * the metrics after the whole run.
 */
let server: TestApp;
let sandbox: AiforySandbox;
let ledger: LedgerService;
let coop: { coopname: string; clientSecret: string };
let member: CardMember;
let card: VirtualCard;

const METRICS_TOKEN = 'virtual-cards-metrics-token-0123456789';

beforeAll(async () => {
  server = await startTestApp({
    env: { LOG_LEVEL: 'debug', AIFORY_TIMEOUT_MS: '300', METRICS_TOKEN },
  });
  sandbox = await sandboxFor(server);
  ledger = server.app.get(LedgerService);
  coop = await extendedCooperative(server, 'vcfaults');
  member = await cardMember(server, coop);
  const issued = await call(
    server,
    member,
    'POST',
    '/aifory/issue-card',
    { coopname: coop.coopname, holder_name: 'FAULT TESTER' },
    randomUUID(),
  );
  card = issueVirtualCardResultSchema.parse(await issued.json()).card!;
}, 60_000);
// The server first, while the provider still answers whatever it has in flight; then the
// provider (a loaded CI machine once took a minute here).
afterAll(async () => {
  await server?.close();
  await sandbox?.close();
}, 120_000);

const balance = (account: string) => ledger.ledger.balance(account, 'USD');

async function providerBalance(): Promise<number> {
  const row = await server.app.get(VirtualCardsRepository).find(card.card_id);
  return sandbox.cards().find((c) => c.card_id === row!.providerCardId)!.balance.amount;
}

async function topUp(amount: number, key = randomUUID()) {
  const response = await call(
    server,
    member,
    'POST',
    '/aifory/top-up',
    { card_id: card.card_id, amount: { amount, currency: 'USD' } },
    key,
  );
  return {
    status: response.status,
    body: (await response.json()) as TopUpResult & { code?: string },
  };
}

/** As if `seconds` passed since the operation was made (the settlement's grace period). */
async function age(operationId: string, seconds: number): Promise<void> {
  await server.app
    .get<Database>(DATABASE)
    .primary.execute(
      sql`update money_operations set created_at = created_at - make_interval(secs => ${seconds}) where id = ${operationId}::uuid`,
    );
}

async function assertConsistent(): Promise<void> {
  expect(Object.values(await ledger.ledger.trialBalance()).every((sum) => sum === 0)).toBe(true);
  expect(await balance(cardAccount(card.card_id))).toBe(await providerBalance());
}

describe('a top-up when the provider fails', () => {
  it('500 on every attempt: pending for the member, then failed and the reservation given back', async () => {
    const funds = await balance(coopFunds('vcfaults'));
    sandbox.faults.inject({ mode: 'error500', operation: 'cards/deposit/order', count: 3 });
    const first = await topUp(5_000);
    expect(first.status).toBe(202);
    expect(first.body.status).toBe('pending');
    expect(await balance(coopFunds('vcfaults'))).toBe(funds - 5_075);
    const followed = await call(
      server,
      member,
      'GET',
      `/aifory/operations/${first.body.operation_id}`,
    );
    expect(topUpResultSchema.parse(await followed.json()).status).toBe('pending');
    // The provider never got it: after the grace period the job fails it.
    await age(first.body.operation_id, 600);
    expect(await server.app.get(MoneySettlement).settlePending(0)).toBe(1);
    const settled = await call(
      server,
      member,
      'GET',
      `/aifory/operations/${first.body.operation_id}`,
    );
    expect(topUpResultSchema.parse(await settled.json())).toMatchObject({
      status: 'failed',
      failure: 'not_received',
    });
    expect(await balance(coopFunds('vcfaults'))).toBe(funds);
    expect(await balance(TRANSIT_DEPOSITS)).toBe(0);
    await assertConsistent();
  });

  it('a timeout after the money moved, no webhook: pending, then confirmed by asking the provider — once', async () => {
    // A provider that sends no webhooks: only the settlement job can learn the outcome.
    const quiet = await sandboxFor(server, { webhookUrl: undefined });
    try {
      const issued = await call(
        server,
        member,
        'POST',
        '/aifory/issue-card',
        { coopname: coop.coopname, holder_name: 'QUIET TESTER' },
        randomUUID(),
      );
      const quietCard = issueVirtualCardResultSchema.parse(await issued.json()).card!;
      const quietBalance = () => quiet.cards()[0]!.balance.amount;
      quiet.faults.inject({ mode: 'timeout', operation: 'cards/deposit/order', count: 10 });
      const key = randomUUID();
      const body = { card_id: quietCard.card_id, amount: { amount: 4_000, currency: 'USD' } };
      const first = await call(server, member, 'POST', '/aifory/top-up', body, key);
      quiet.faults.clear();
      expect(first.status).toBe(202);
      const pending = topUpResultSchema.parse(await first.json());
      // The provider moved it; we do not know yet.
      expect(quietBalance()).toBe(4_000);
      expect(await balance(cardAccount(quietCard.card_id))).toBe(0);
      // A retry with the same key is safe: the same operation, no second deposit.
      const retried = await call(server, member, 'POST', '/aifory/top-up', body, key);
      expect(topUpResultSchema.parse(await retried.json()).operation_id).toBe(pending.operation_id);
      expect(quiet.deposits()).toHaveLength(1);
      expect(await server.app.get(MoneySettlement).settlePending(0)).toBe(1);
      expect(await balance(cardAccount(quietCard.card_id))).toBe(4_000);
      // Asking again settles nothing more.
      expect(await server.app.get(MoneySettlement).settlePending(0)).toBe(0);
      expect(await balance(cardAccount(quietCard.card_id))).toBe(quietBalance());
      expect(Object.values(await ledger.ledger.trialBalance()).every((sum) => sum === 0)).toBe(
        true,
      );
    } finally {
      server.app.get(AiforyEndpoint).useSandbox(sandbox.url);
      await quiet.close();
    }
  });

  it('an issue whose answer was lost: pending, then the card recorded by its request id, once', async () => {
    const funds = await balance(coopFunds('vcfaults'));
    sandbox.faults.inject({ mode: 'timeout', operation: 'cards/order', count: 10 });
    const key = randomUUID();
    const body = { coopname: coop.coopname, holder_name: 'LATE TESTER' };
    const response = await call(server, member, 'POST', '/aifory/issue-card', body, key);
    sandbox.faults.clear();
    expect(response.status).toBe(202);
    const pending = issueVirtualCardResultSchema.parse(await response.json());
    expect(pending).toMatchObject({ status: 'pending', card: null });
    const cards = () => server.app.get(VirtualCardsRepository).listOf(member.userId);
    const before = (await cards()).length;
    expect(await server.app.get(MoneySettlement).settlePending(0)).toBe(1);
    expect(await server.app.get(MoneySettlement).settlePending(0)).toBe(0);
    expect((await cards()).length).toBe(before + 1);
    // The fee once, as for an issue answered in time.
    expect(await balance(coopFunds('vcfaults'))).toBe(funds - 500);
    expect(Object.values(await ledger.ledger.trialBalance()).every((sum) => sum === 0)).toBe(true);
  });

  it('a timeout answered by the webhook: the money lands once, whoever learns it first', async () => {
    const before = await balance(cardAccount(card.card_id));
    sandbox.faults.inject({ mode: 'timeout', operation: 'cards/deposit/order', count: 10 });
    const result = await topUp(3_000);
    sandbox.faults.clear();
    expect([200, 202]).toContain(result.status);
    await sandbox.idle();
    await server.app.get(MoneySettlement).settlePending(0);
    expect(await balance(cardAccount(card.card_id))).toBe(before + 3_000);
    await assertConsistent();
  });

  it('a slow answer within the timeout: confirmed in the request', async () => {
    sandbox.faults.inject({ mode: 'slow', operation: 'cards/deposit/order', delayMs: 150 });
    const result = await topUp(1_000);
    expect(result.status).toBe(200);
    expect(result.body.status).toBe('confirmed');
    await assertConsistent();
  });

  it('a refusal (the card closed at the provider): failed at once, nothing moved', async () => {
    const funds = await balance(coopFunds('vcfaults'));
    sandbox.faults.inject({ mode: 'deposit_failed', operation: 'cards/deposit/order' });
    const result = await topUp(2_000);
    expect(result.status).toBe(200);
    expect(result.body.status).toBe('failed');
    expect(await balance(coopFunds('vcfaults'))).toBe(funds);
    await assertConsistent();
  });

  it('a purchase webhook sent twice is applied once', async () => {
    const before = await balance(cardAccount(card.card_id));
    sandbox.faults.inject({ mode: 'duplicate_webhook' });
    const row = await server.app.get(VirtualCardsRepository).find(card.card_id);
    sandbox.purchase(row!.providerCardId, 700, 'Twice Shop');
    await sandbox.idle();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const deliveries = sandbox
      .webhookDeliveries()
      .filter((delivery) => JSON.stringify(delivery).includes('Twice Shop'));
    expect(deliveries.length).toBeGreaterThanOrEqual(2);
    expect(await balance(cardAccount(card.card_id))).toBe(before - 700);
    await assertConsistent();
  });

  it('no card number, CVV or expiry in the database, the debug log or the metrics', async () => {
    await member.stepUp();
    const shown = await call(server, member, 'GET', `/aifory/card-details/${card.card_id}`);
    expect(shown.status).toBe(200);
    const row = await server.app.get(VirtualCardsRepository).find(card.card_id);
    const real = sandbox.cards().find((c) => c.card_id === row!.providerCardId)!;
    const metrics = await (
      await fetch(`${server.url}/metrics`, {
        headers: { authorization: `Bearer ${METRICS_TOKEN}` },
      })
    ).text();
    expect(metrics).toContain('aifory_calls_total');
    const places = {
      database: await dumpEveryTable(server),
      log: server.logs(),
      metrics,
    };
    const [month, year] = real.expiry.split('/');
    for (const [place, text] of Object.entries(places)) {
      expect(text.includes(real.pan), `PAN in ${place}`).toBe(false);
      expect(text.includes(`"${real.cvv}"`), `CVV in ${place}`).toBe(false);
      expect(text.includes(real.expiry), `expiry in ${place}`).toBe(false);
      expect(text.includes(`${month}/${year}`), `expiry in ${place}`).toBe(false);
    }
    // The log did see the reveal (at debug level), redacted.
    expect(places.log).toContain('card-details');
  });
});
