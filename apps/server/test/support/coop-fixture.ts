import { PrivateKey } from '@wharfkit/antelope';
import { fakeEnvelope, post, registerRaw } from './raw-member.js';
import type { TestApp } from './test-app.js';
import { CooperativesService } from '../../src/modules/cooperatives/cooperatives.service.js';

/** HTTP Basic credentials of a cooperative's server. */
export const basic = (id: string, secret: string): string =>
  `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

/** Registers a cooperative; its client credentials as an `authorization` header value. */
export async function registerCooperative(
  server: TestApp,
  coopname: string,
  displayName: string,
): Promise<string> {
  const { clientSecret } = await server.app
    .get(CooperativesService)
    .create({ coopname, displayName });
  return basic(coopname, clientSecret);
}

/** A cooperative's bank details for its payment requests (PUT /coop/payment-details). */
export const PAYMENT_DETAILS = {
  recipient_name: 'ПК "Восход"',
  inn: '7707083893',
  kpp: '773601001',
  personal_acc: '40702810938000000001',
  bank_name: 'ПАО Сбербанк',
  bic: '044525225',
  corresp_acc: '30101810400000000225',
};

/** The member of `token` opens an account `username` in a cooperative (with a new key). */
export async function addAccount(
  server: TestApp,
  token: string,
  account: { coopname: string; username: string },
): Promise<void> {
  const response = await post(
    server.url,
    '/api/v1/card/add-account',
    {
      ...account,
      public_key: PrivateKey.generate('K1').toPublic().toString(),
      encrypted_private_key: fakeEnvelope(account.username),
    },
    token,
  );
  if (response.status !== 201) throw new Error(`add-account: ${response.status}`);
}

/** A member with an open account `username` in each cooperative given; their access token. */
export async function memberWithAccounts(
  server: TestApp,
  email: string,
  accounts: { coopname: string; username: string }[],
): Promise<string> {
  const { tokens } = await registerRaw(server.url, email, `${email} password`);
  for (const account of accounts) await addAccount(server, tokens.access_token, account);
  return tokens.access_token;
}

/** A JSON request with the given `authorization`; the status and the parsed body. */
export async function call(
  server: TestApp,
  method: 'GET' | 'PUT' | 'POST' | 'DELETE',
  path: string,
  authorization: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: {
      authorization,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}
