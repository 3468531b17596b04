import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cardDetailsSchema,
  cardTransactionPageSchema,
  issueVirtualCardResultSchema,
  topUpResultSchema,
  virtualCardListSchema,
} from '@cardcoop/contracts';
import type { VirtualCard } from '@cardcoop/contracts';
import type { AiforySandbox } from '@cardcoop/aifory-sandbox';
import { cardAccount, coopFunds, FEES_OPERATOR } from '../../src/modules/ledger/accounts.js';
import { CooperativesService } from '../../src/modules/cooperatives/cooperatives.service.js';
import { LedgerService } from '../../src/modules/ledger/ledger.service.js';
import { VirtualCardsRepository } from '../../src/modules/virtual-cards/virtual-cards.repository.js';
import { startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';
import {
  call,
  cardMember,
  extendedCooperative,
  sandboxFor,
} from '../support/virtual-cards-scene.js';
import type { CardMember } from '../support/virtual-cards-scene.js';

let server: TestApp;
let sandbox: AiforySandbox;
let ledger: LedgerService;

beforeAll(async () => {
  server = await startTestApp();
  sandbox = await sandboxFor(server);
  ledger = server.app.get(LedgerService);
}, 60_000);
// The server first, while the provider still answers whatever it has in flight; then the
// provider (a loaded CI machine once took a minute here).
afterAll(async () => {
  await server?.close();
  await sandbox?.close();
}, 120_000);

const balance = (account: string) => ledger.ledger.balance(account, 'USD');

async function issue(member: CardMember, coopname: string): Promise<VirtualCard> {
  const response = await call(
    server,
    member,
    'POST',
    '/aifory/issue-card',
    { coopname, holder_name: 'TEST MEMBER' },
    randomUUID(),
  );
  expect(response.status).toBe(201);
  return issueVirtualCardResultSchema.parse(await response.json()).card!;
}

/** Waits until the sandbox has delivered its webhooks (and the server applied them). */
async function delivered(): Promise<void> {
  await sandbox.idle();
  await new Promise((resolve) => setTimeout(resolve, 100));
}

/** The provider's side of our card (by the provider id we keep). */
async function providerCard(card: VirtualCard) {
  const row = await server.app.get(VirtualCardsRepository).find(card.card_id);
  return sandbox.cards().find((candidate) => candidate.card_id === row!.providerCardId)!;
}

describe('virtual cards: issue, reveal, top up, spend, freeze', () => {
  let coop: { coopname: string; clientSecret: string };
  let member: CardMember;
  let card: VirtualCard;

  beforeAll(async () => {
    coop = await extendedCooperative(server, 'vcjourney');
    member = await cardMember(server, coop);
  });

  it('issues a card: the fee leaves the cooperative’s funds, only the last 4 digits are kept', async () => {
    card = await issue(member, coop.coopname);
    expect(card).toMatchObject({ coopname: 'vcjourney', status: 'active', balance: { amount: 0 } });
    expect(await providerCard(card)).toBeDefined();
    expect(await balance(coopFunds('vcjourney'))).toBe(1_000_000 - 500);
    const list = virtualCardListSchema.parse(
      await (await call(server, member, 'GET', '/aifory/cards')).json(),
    );
    expect(list.items.map((item) => item.card_id)).toEqual([card.card_id]);
  });

  it('reveals the details only after a second factor, with no-store, and never to another member', async () => {
    const path = `/aifory/card-details/${card.card_id}`;
    const before = await call(server, member, 'GET', path);
    expect(before.status).toBe(403);
    expect(await before.json()).toMatchObject({ code: 'STEP_UP_REQUIRED' });
    await member.stepUp();
    const shown = await call(server, member, 'GET', path);
    expect(shown.status).toBe(200);
    expect(shown.headers.get('cache-control')).toBe('no-store');
    const details = cardDetailsSchema.parse(await shown.json());
    const real = await providerCard(card);
    expect(details).toMatchObject({ pan: real.pan, cvv: real.cvv, expiry: real.expiry });
    expect(details.pan.endsWith(card.last4)).toBe(true);

    const other = await cardMember(server, coop);
    await other.stepUp();
    expect((await call(server, other, 'GET', path)).status).toBe(404);
  });

  it('tops up: amount to the card, fee to the operator, the same at the provider', async () => {
    const response = await call(
      server,
      member,
      'POST',
      '/aifory/top-up',
      { card_id: card.card_id, amount: { amount: 10_000, currency: 'USD' } },
      randomUUID(),
    );
    expect(response.status).toBe(200);
    const result = topUpResultSchema.parse(await response.json());
    expect(result).toMatchObject({ status: 'confirmed', fee: { amount: 150 } });
    expect(await balance(cardAccount(card.card_id))).toBe(10_000);
    expect((await providerCard(card)).balance.amount).toBe(10_000);
    expect(await balance(coopFunds('vcjourney'))).toBe(1_000_000 - 500 - 10_150);
    expect(await balance(FEES_OPERATOR)).toBeGreaterThanOrEqual(650);
  });

  it('a purchase arrives by webhook: in the transactions and off the card’s balance; frozen, the next is declined', async () => {
    sandbox.purchase((await providerCard(card)).card_id, 2_500, 'Coffee Shop');
    await delivered();
    const page = async () =>
      cardTransactionPageSchema.parse(
        await (
          await call(server, member, 'GET', `/aifory/transactions/${card.card_id}?type=purchase`)
        ).json(),
      );
    expect((await page()).items).toMatchObject([
      { type: 'purchase', status: 'approved', amount: { amount: 2_500 }, merchant: 'Coffee Shop' },
    ]);
    expect(await balance(cardAccount(card.card_id))).toBe(7_500);

    const frozen = await call(server, member, 'POST', `/aifory/cards/${card.card_id}/freeze`);
    expect(frozen.status).toBe(200);
    expect((await providerCard(card)).status).toBe('frozen');
    const declined = sandbox.purchase((await providerCard(card)).card_id, 1_000, 'Bookshop');
    expect(declined.status).toBe('declined');
    await delivered();
    const items = (await page()).items;
    expect(items[0]).toMatchObject({ status: 'declined', decline_reason: 'card_frozen' });
    expect(await balance(cardAccount(card.card_id))).toBe(7_500);
    expect(Object.values(await ledger.ledger.trialBalance()).every((sum) => sum === 0)).toBe(true);
  });
});

describe('virtual cards: idempotency under concurrency', () => {
  it('50 top-ups with one key: one posting, one provider call, the same answer for all', async () => {
    const coop = await extendedCooperative(server, 'vcsamekey');
    const member = await cardMember(server, coop);
    const card = await issue(member, coop.coopname);
    const ordersBefore = sandbox
      .requests()
      .filter((request) => request.operation === 'cards/deposit/order').length;
    const key = randomUUID();
    const body = { card_id: card.card_id, amount: { amount: 1_000, currency: 'USD' } };
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => call(server, member, 'POST', '/aifory/top-up', body, key)),
    );
    const results = await Promise.all(answers.map((answer) => answer.json()));
    const ids = new Set(
      results.map((result) => (result as { operation_id?: string }).operation_id),
    );
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    expect(ids.size).toBe(1);
    const orders = sandbox
      .requests()
      .filter((request) => request.operation === 'cards/deposit/order').length;
    expect(orders - ordersBefore).toBe(1);
    expect(await balance(cardAccount(card.card_id))).toBe(1_000);
    // The same key with another body is refused and changes nothing.
    const reused = await call(
      server,
      member,
      'POST',
      '/aifory/top-up',
      { ...body, amount: { amount: 2_000, currency: 'USD' } },
      key,
    );
    expect(reused.status).toBe(409);
    expect(await reused.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await balance(cardAccount(card.card_id))).toBe(1_000);
  }, 60_000);

  it('50 top-ups with 50 keys: every one lands, the balances add up exactly', async () => {
    const coop = await extendedCooperative(server, 'vcmanykeys');
    const member = await cardMember(server, coop);
    const card = await issue(member, coop.coopname);
    const fundsBefore = await balance(coopFunds('vcmanykeys'));
    const answers = await Promise.all(
      Array.from({ length: 50 }, () =>
        call(
          server,
          member,
          'POST',
          '/aifory/top-up',
          { card_id: card.card_id, amount: { amount: 1_000, currency: 'USD' } },
          randomUUID(),
        ),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(50).fill(200));
    expect(await balance(cardAccount(card.card_id))).toBe(50_000);
    expect((await providerCard(card)).balance.amount).toBe(50_000);
    expect(await balance(coopFunds('vcmanykeys'))).toBe(fundsBefore - 50 * 1_015);
    expect(Object.values(await ledger.ledger.trialBalance()).every((sum) => sum === 0)).toBe(true);
  }, 60_000);
});

describe('virtual cards: the cooperative’s monthly cap per card', () => {
  it('10 concurrent top-ups against a cap of 5: exactly 5 pass, the rest are refused and cost nothing', async () => {
    const coop = await extendedCooperative(server, 'vccapped', 1_000_000, {
      monthlyTopUpCap: 5_000,
    });
    const member = await cardMember(server, coop);
    const card = await issue(member, coop.coopname);
    const funds = await balance(coopFunds('vccapped'));
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        call(
          server,
          member,
          'POST',
          '/aifory/top-up',
          { card_id: card.card_id, amount: { amount: 1_000, currency: 'USD' } },
          randomUUID(),
        ),
      ),
    );
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([...Array(5).fill(200), ...Array(5).fill(422)]);
    const refused = await answers.find((answer) => answer.status === 422)!.json();
    expect(refused).toMatchObject({ code: 'TOP_UP_LIMIT' });
    expect(await balance(cardAccount(card.card_id))).toBe(5_000);
    expect(await balance(coopFunds('vccapped'))).toBe(funds - 5 * 1_015);
  }, 60_000);
});

describe('virtual cards: who may issue', () => {
  it('names every reason a member may not issue, and changes nothing', async () => {
    const coop = await extendedCooperative(server, 'vconecard', 100_000, { maxCardsPerMember: 1 });
    const member = await cardMember(server, coop);
    await issue(member, coop.coopname);
    const funds = await balance(coopFunds('vconecard'));
    const again = await call(
      server,
      member,
      'POST',
      '/aifory/issue-card',
      { coopname: 'vconecard', holder_name: 'TEST MEMBER' },
      randomUUID(),
    );
    expect(again.status).toBe(403);
    const refused = (await again.json()) as { code: string; details: { code: string }[] };
    expect(refused.code).toBe('CARD_ISSUE_NOT_ALLOWED');
    expect(refused.details.map((detail) => detail.code)).toEqual(['card_limit']);
    expect(await balance(coopFunds('vconecard'))).toBe(funds);

    const basic = await extendedCooperative(server, 'vcbasic', 0);
    await server.app.get(CooperativesService).update('vcbasic', 1, { level: 'basic' });
    const stranger = await cardMember(server, basic);
    const response = await call(
      server,
      stranger,
      'POST',
      '/aifory/issue-card',
      { coopname: 'vcbasic', holder_name: 'TEST MEMBER' },
      randomUUID(),
    );
    const body = (await response.json()) as { details: { code: string }[] };
    expect(body.details.map((detail) => detail.code)).toEqual(['not_extended']);
  });

  it('an issue the cooperative cannot pay for is refused whole: 422, no card, no money moved', async () => {
    const coop = await extendedCooperative(server, 'vcnofunds', 100);
    const member = await cardMember(server, coop);
    const cardsBefore = sandbox.cards().length;
    const response = await call(
      server,
      member,
      'POST',
      '/aifory/issue-card',
      { coopname: 'vcnofunds', holder_name: 'TEST MEMBER' },
      randomUUID(),
    );
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ code: 'INSUFFICIENT_FUNDS' });
    expect(sandbox.cards().length).toBe(cardsBefore);
    expect(await balance(coopFunds('vcnofunds'))).toBe(100);
  });
});
