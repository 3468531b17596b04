import type { IndividualCard, PaymentDetails, PaymentRequestInput } from '@cardcoop/contracts';
import { parseGostPayload } from '@cardcoop/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MemberClient } from '../member/member-client.js';
import { coopScene } from '../testing/coop-scene.js';
import type { CoopScene } from '../testing/coop-scene.js';
import { errorCode } from '../testing/member-fixture.js';
import { coopRequest } from './client-credentials.js';
import type { CoopCredentials } from './client-credentials.js';
import {
  cancelPaymentRequest,
  confirmPayment,
  listPaymentRequests,
  pushBalances,
  requestPayment,
  setPaymentDetails,
} from './index.js';

/** Balances and contributions through the SDK (both sides), against the real server. */
const card: IndividualCard = {
  kind: 'individual',
  first_name: 'Анна',
  last_name: 'Петрова',
  birthdate: '1990-04-12',
  full_address: 'г. Москва, ул. Тверская, д. 1, кв. 1',
  phone: '+79991234567',
  email: 'anna@example.com',
};
const details: PaymentDetails = {
  recipient_name: 'ПК "Восход"',
  inn: '7707083893',
  kpp: '773601001',
  personal_acc: '40702810938000000001',
  bank_name: 'ПАО Сбербанк',
  bic: '044525225',
  corresp_acc: '30101810400000000225',
};

let scene: CoopScene;
let voskhod: CoopCredentials;
let member: MemberClient;
let username: string;

beforeAll(async () => {
  scene = await coopScene(card);
  ({ voskhod, member } = scene);
  username = (await member.card.createAccount('voskhod')).username;
});
afterAll(() => scene.close());

describe('balances through the SDK', () => {
  it('a cooperative pushes; the member sees them once the membership is confirmed', async () => {
    const balances = {
      as_of: '2027-01-01T00:00:00+03:00',
      funds: [{ fund: 'share_contribution' as const, amount: 500_000, currency: 'RUB' }],
    };
    await pushBalances(voskhod, username, balances);
    expect(await member.balances.list()).toEqual([]);
    await coopRequest(voskhod, `/api/v1/coop/memberships/${username}`, { method: 'PUT' });
    expect(await member.balances.list()).toEqual([
      {
        coopname: 'voskhod',
        display_name: 'ПК ВОСХОД',
        username,
        as_of: '2026-12-31T21:00:00.000Z',
        funds: balances.funds,
      },
    ]);
    expect(await errorCode(pushBalances(voskhod, 'nosuchuserzz', balances))).toBe('NOT_FOUND');
    await expect(
      pushBalances(voskhod, username, {
        ...balances,
        funds: [{ ...balances.funds[0]!, amount: -1 }],
      }),
    ).rejects.toThrow(TypeError);
  });
});

describe('contributions through the SDK', () => {
  it('request → the member gets the ГОСТ payload → confirm → the member sees it paid', async () => {
    const request: PaymentRequestInput = {
      username,
      kind: 'membership_fee',
      amount: { amount: 120_000, currency: 'RUB' },
      due_date: '2099-01-31',
      purpose: 'Членский взнос за 2099 год',
    };
    expect(await errorCode(requestPayment(voskhod, 'fee-2099', request))).toBe(
      'COOPERATIVE_NOT_READY',
    );
    await setPaymentDetails(voskhod, details);
    const issued = await requestPayment(voskhod, 'fee-2099', request);
    expect(issued).toMatchObject({ external_id: 'fee-2099', status: 'requested' });

    const { contributions, next } = await member.contributions.list({ status: 'requested' });
    expect(next).toBeNull();
    const one = await member.contributions.get(contributions[0]!.id);
    expect(one.payment_details).toEqual(details);
    expect(Object.fromEntries(parseGostPayload(one.payload!))).toEqual({
      Name: 'ПК "Восход"',
      PersonalAcc: '40702810938000000001',
      BankName: 'ПАО Сбербанк',
      BIC: '044525225',
      CorrespAcc: '30101810400000000225',
      PayeeINN: '7707083893',
      KPP: '773601001',
      Sum: '120000',
      Purpose: 'Членский взнос за 2099 год',
    });

    const payment = {
      payment_id: 'bank-1',
      paid_at: '2027-01-20T12:00:00+03:00',
      amount: { amount: 120_000, currency: 'RUB' as const },
    };
    const paid = await confirmPayment(voskhod, 'fee-2099', payment);
    expect(await confirmPayment(voskhod, 'fee-2099', payment)).toEqual(paid);
    expect(
      await errorCode(confirmPayment(voskhod, 'fee-2099', { ...payment, payment_id: 'bank-2' })),
    ).toBe('CONFLICT');
    expect(await member.contributions.get(one.id)).toMatchObject({ status: 'paid', payload: null });
    expect(await errorCode(cancelPaymentRequest(voskhod, 'fee-2099'))).toBe('CONFLICT');
    expect(await listPaymentRequests(voskhod, { status: 'paid' })).toEqual({
      payment_requests: [paid],
      next: null,
    });
    expect(await errorCode(member.contributions.get('00000000-0000-4000-8000-000000000000'))).toBe(
      'NOT_FOUND',
    );
  });
});
