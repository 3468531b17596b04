import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  contributionDetailsSchema,
  contributionListSchema,
  parseGostPayload,
} from '@cardcoop/contracts';
import {
  call,
  memberWithAccounts,
  PAYMENT_DETAILS,
  registerCooperative,
} from '../support/coop-fixture.js';
import { startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

let server: TestApp;
let voskhod: string;
let zarya: string;
let anna: string;
let boris: string;

const REQUEST = {
  username: 'annavoskhodz',
  kind: 'share_contribution',
  amount: { amount: 150_000, currency: 'RUB' },
  due_date: '2099-01-31',
  purpose: 'Паевой взнос, требование 7',
};
const PAYMENT = {
  payment_id: 'pay-1',
  paid_at: '2026-12-01T10:00:00.000+03:00',
  amount: { amount: 150_000, currency: 'RUB' },
};
const bearer = (token: string) => `Bearer ${token}`;

beforeAll(async () => {
  server = await startTestApp();
  voskhod = await registerCooperative(server, 'voskhod', 'ПК ВОСХОД');
  zarya = await registerCooperative(server, 'zarya', 'ПК Заря');
  anna = await memberWithAccounts(server, 'anna@contrib.example', [
    { coopname: 'voskhod', username: 'annavoskhodz' },
  ]);
  boris = await memberWithAccounts(server, 'boris@contrib.example', [
    { coopname: 'zarya', username: 'boriszaryazz' },
  ]);
});
afterAll(() => server.close());

const annaContributions = async (query = '') =>
  contributionListSchema.parse(
    (await call(server, 'GET', `/contributions${query}`, bearer(anna))).body,
  ).contributions;

describe('contributions: the cooperative requests, the member pays by the QR code, the cooperative confirms', () => {
  it('asks for payment details first (409 COOPERATIVE_NOT_READY), then takes them', async () => {
    const early = await call(server, 'PUT', '/coop/payment-requests/req-7', voskhod, REQUEST);
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'COOPERATIVE_NOT_READY' });
    expect(
      (await call(server, 'PUT', '/coop/payment-details', voskhod, PAYMENT_DETAILS)).status,
    ).toBe(204);
  });

  it('creates a request idempotently and the member sees it with the exact ГОСТ payload', async () => {
    const created = await call(server, 'PUT', '/coop/payment-requests/req-7', voskhod, REQUEST);
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      external_id: 'req-7',
      status: 'requested',
      payment_id: null,
    });
    const again = await call(server, 'PUT', '/coop/payment-requests/req-7', voskhod, REQUEST);
    expect(again).toEqual(created);

    const [listed] = await annaContributions();
    expect(listed).toMatchObject({
      coopname: 'voskhod',
      display_name: 'ПК ВОСХОД',
      status: 'requested',
    });
    const details = contributionDetailsSchema.parse(
      (await call(server, 'GET', `/contributions/${listed!.id}`, bearer(anna))).body,
    );
    expect(details.payment_details).toEqual(PAYMENT_DETAILS);
    expect(details.payload).toBe(
      'ST00012|Name=ПК "Восход"|PersonalAcc=40702810938000000001|BankName=ПАО Сбербанк' +
        '|BIC=044525225|CorrespAcc=30101810400000000225|PayeeINN=7707083893|KPP=773601001' +
        '|Sum=150000|Purpose=Паевой взнос, требование 7',
    );
    expect(Object.fromEntries(parseGostPayload(details.payload!)).Sum).toBe('150000');
  });

  it('changes a requested request; never moves it to another member', async () => {
    expect(
      (await call(server, 'PUT', '/coop/payment-requests/req-8', voskhod, REQUEST)).status,
    ).toBe(200);
    const changed = await call(server, 'PUT', '/coop/payment-requests/req-8', voskhod, {
      ...REQUEST,
      due_date: '2000-01-01',
    });
    expect(changed.status).toBe(200);
    expect(await annaContributions('?status=overdue')).toMatchObject([{ due_date: '2000-01-01' }]);
    const moved = await call(server, 'PUT', '/coop/payment-requests/req-8', voskhod, {
      ...REQUEST,
      username: 'boriszaryazz',
    });
    expect(moved.status).toBe(404); // not an account of this cooperative
  });

  it('confirms by payment id: the same body is the same answer, another payment a conflict', async () => {
    const paid = await call(
      server,
      'POST',
      '/coop/payment-requests/req-7/confirm',
      voskhod,
      PAYMENT,
    );
    expect(paid.status).toBe(200);
    expect(paid.body).toMatchObject({
      status: 'paid',
      payment_id: 'pay-1',
      paid_at: '2026-12-01T07:00:00.000Z',
    });
    expect(
      await call(server, 'POST', '/coop/payment-requests/req-7/confirm', voskhod, PAYMENT),
    ).toEqual(paid);
    const other = await call(server, 'POST', '/coop/payment-requests/req-7/confirm', voskhod, {
      ...PAYMENT,
      payment_id: 'pay-2',
    });
    expect(other.status).toBe(409);
    const reused = await call(
      server,
      'POST',
      '/coop/payment-requests/req-8/confirm',
      voskhod,
      PAYMENT,
    );
    expect(reused.status).toBe(409); // pay-1 settled req-7 already
    const changedAfter = await call(server, 'PUT', '/coop/payment-requests/req-7', voskhod, {
      ...REQUEST,
      purpose: 'Другое',
    });
    expect(changedAfter.status).toBe(409);
    expect((await call(server, 'DELETE', '/coop/payment-requests/req-7', voskhod)).status).toBe(
      409,
    );

    const [paidOne] = await annaContributions('?status=paid');
    expect(paidOne).toMatchObject({ status: 'paid', paid_at: '2026-12-01T07:00:00.000Z' });
    const details = contributionDetailsSchema.parse(
      (await call(server, 'GET', `/contributions/${paidOne!.id}`, bearer(anna))).body,
    );
    expect(details.payload).toBeNull();
  });

  it('refuses a sum other than the one requested (422) and leaves the request unpaid', async () => {
    const wrong = await call(server, 'POST', '/coop/payment-requests/req-8/confirm', voskhod, {
      ...PAYMENT,
      payment_id: 'pay-3',
      amount: { amount: 149_999, currency: 'RUB' },
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await annaContributions('?status=overdue')).toHaveLength(1);
  });

  it('cancels idempotently; the member sees the history with statuses and a keyset page', async () => {
    expect((await call(server, 'DELETE', '/coop/payment-requests/req-8', voskhod)).status).toBe(
      204,
    );
    expect((await call(server, 'DELETE', '/coop/payment-requests/req-8', voskhod)).status).toBe(
      204,
    );
    expect((await call(server, 'DELETE', '/coop/payment-requests/nope', voskhod)).status).toBe(404);
    const first = contributionListSchema.parse(
      (await call(server, 'GET', '/contributions?limit=1', bearer(anna))).body,
    );
    expect(first.contributions.map((c) => c.status)).toEqual(['cancelled']);
    const second = contributionListSchema.parse(
      (await call(server, 'GET', `/contributions?limit=1&after=${first.next}`, bearer(anna))).body,
    );
    expect(second.contributions.map((c) => c.status)).toEqual(['paid']);
    expect(await annaContributions('?coopname=zarya')).toEqual([]);
  });

  it("lists the cooperative's own requests oldest first, a page at a time", async () => {
    const page = await call(server, 'GET', '/coop/payment-requests?limit=1', voskhod);
    expect(page.body).toMatchObject({ payment_requests: [{ external_id: 'req-7' }] });
    const next = (page.body as { next: string }).next;
    const rest = await call(server, 'GET', `/coop/payment-requests?after=${next}`, voskhod);
    expect(rest.body).toMatchObject({
      payment_requests: [{ external_id: 'req-8', status: 'cancelled' }],
      next: null,
    });
    expect((await call(server, 'GET', '/coop/payment-requests?after=x', voskhod)).status).toBe(422);
  });

  it('records the changes in the member history', async () => {
    const audit = (await call(server, 'GET', '/audit', bearer(anna))).body as {
      events: { type: string }[];
    };
    const types = audit.events.map((event) => event.type);
    for (const type of [
      'contribution.requested',
      'contribution.changed',
      'contribution.paid',
      'contribution.cancelled',
    ]) {
      expect(types).toContain(type);
    }
  });
});

describe('contributions: validation', () => {
  it('refuses bank details whose BIK or account control keys do not match, writing nothing', async () => {
    for (const bad of [
      { ...PAYMENT_DETAILS, personal_acc: '40702810938000000002' },
      { ...PAYMENT_DETAILS, corresp_acc: '30101810400000000226' },
      { ...PAYMENT_DETAILS, bic: '144525225' },
      { ...PAYMENT_DETAILS, inn: '7707083894' },
      { ...PAYMENT_DETAILS, recipient_name: 'ПК|Sum=1' },
    ]) {
      const answer = await call(server, 'PUT', '/coop/payment-details', zarya, bad);
      expect(answer.status).toBe(422);
      expect(answer.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    }
    const request = { ...REQUEST, username: 'boriszaryazz' };
    const notReady = await call(server, 'PUT', '/coop/payment-requests/z-1', zarya, request);
    expect(notReady.body).toMatchObject({ code: 'COOPERATIVE_NOT_READY' });
  });

  it('refuses negative or zero sums, other currencies, a purpose with a separator, an unknown username', async () => {
    expect(
      (await call(server, 'PUT', '/coop/payment-details', zarya, PAYMENT_DETAILS)).status,
    ).toBe(204);
    const request = { ...REQUEST, username: 'boriszaryazz' };
    for (const bad of [
      { ...request, amount: { amount: -1, currency: 'RUB' } },
      { ...request, amount: { amount: 0, currency: 'RUB' } },
      { ...request, amount: { amount: 1.5, currency: 'RUB' } },
      { ...request, amount: { amount: 100, currency: 'USD' } },
      { ...request, purpose: 'Взнос|Sum=1' },
      { ...request, purpose: 'я'.repeat(211) },
      { ...request, due_date: '31.01.2099' },
    ]) {
      expect((await call(server, 'PUT', '/coop/payment-requests/z-1', zarya, bad)).status).toBe(
        422,
      );
    }
    expect(
      (await call(server, 'PUT', '/coop/payment-requests/bad id', zarya, request)).status,
    ).toBe(422);
    const unknown = await call(server, 'PUT', '/coop/payment-requests/z-1', zarya, {
      ...request,
      username: 'nosuchuserz',
    });
    expect(unknown.status).toBe(404);
    const list = await call(server, 'GET', '/coop/payment-requests', zarya);
    expect(list.body).toMatchObject({ payment_requests: [] });
  });
});

describe('contributions: attacks', () => {
  it("a cooperative cannot request from another's member, nor see or confirm its requests", async () => {
    const foreign = await call(server, 'PUT', '/coop/payment-requests/x-1', zarya, REQUEST);
    expect(foreign.status).toBe(404);
    const confirm = await call(
      server,
      'POST',
      '/coop/payment-requests/req-8/confirm',
      zarya,
      PAYMENT,
    );
    expect(confirm.status).toBe(404);
    expect((await call(server, 'DELETE', '/coop/payment-requests/req-8', zarya)).status).toBe(404);
    const list = await call(server, 'GET', '/coop/payment-requests', zarya);
    expect(list.body).toMatchObject({ payment_requests: [] });
    expect(
      (await call(server, 'PUT', '/coop/payment-details', 'Basic eDp5', PAYMENT_DETAILS)).status,
    ).toBe(401);
  });

  it("a member cannot read another member's contribution by id (404) nor list it", async () => {
    const [annas] = await annaContributions();
    const answer = await call(server, 'GET', `/contributions/${annas!.id}`, bearer(boris));
    expect(answer.status).toBe(404);
    const borisList = contributionListSchema.parse(
      (await call(server, 'GET', '/contributions', bearer(boris))).body,
    );
    expect(borisList.contributions).toEqual([]);
    expect((await call(server, 'GET', '/contributions', 'Bearer nope')).status).toBe(401);
  });
});

describe('contributions: concurrent confirmations', () => {
  it('two payments at once: one wins, the other is a conflict; the same one twice, the same answer', async () => {
    for (const id of ['race-1', 'race-2']) {
      expect(
        (await call(server, 'PUT', `/coop/payment-requests/${id}`, voskhod, REQUEST)).status,
      ).toBe(200);
    }
    const confirm = (id: string, paymentId: string) =>
      call(server, 'POST', `/coop/payment-requests/${id}/confirm`, voskhod, {
        ...PAYMENT,
        payment_id: paymentId,
      });
    const rivals = await Promise.all([confirm('race-1', 'race-a'), confirm('race-1', 'race-b')]);
    expect(rivals.map((answer) => answer.status).sort()).toEqual([200, 409]);
    const twins = await Promise.all([confirm('race-2', 'race-c'), confirm('race-2', 'race-c')]);
    expect(twins.map((answer) => answer.status)).toEqual([200, 200]);
    expect(twins[0]).toEqual(twins[1]);
  });
});

describe('contributions and balances in OpenAPI', () => {
  it('documents every operation with its path parameters and the right security', async () => {
    const document = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as {
      paths: Record<
        string,
        Record<string, { parameters?: { name: string; in: string }[]; security?: unknown[] }>
      >;
    };
    const operation = (path: string, method: string) => document.paths[`/api/v1${path}`]?.[method];
    for (const [path, method, parameter] of [
      ['/coop/payment-details', 'put', undefined],
      ['/coop/payment-requests', 'get', 'after'],
      ['/coop/payment-requests/{external_id}', 'put', 'external_id'],
      ['/coop/payment-requests/{external_id}', 'delete', 'external_id'],
      ['/coop/payment-requests/{external_id}/confirm', 'post', 'external_id'],
      ['/coop/members/{username}/balances', 'put', 'username'],
    ] as const) {
      expect(operation(path, method)?.security).toEqual([{ basic: [] }]);
      if (parameter) {
        expect(operation(path, method)?.parameters?.map((p) => p.name)).toContain(parameter);
      }
    }
    for (const [path, parameter] of [
      ['/contributions', 'status'],
      ['/contributions/{id}', 'id'],
      ['/balances', undefined],
    ] as const) {
      expect(operation(path, 'get')?.security).toEqual([{ bearer: [] }]);
      if (parameter) {
        expect(operation(path, 'get')?.parameters?.map((p) => p.name)).toContain(parameter);
      }
    }
  });
});
