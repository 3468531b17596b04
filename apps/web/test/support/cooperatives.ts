import type { UpdateCooperative } from '@cardcoop/contracts';
import type { MemberClient } from '@cardcoop/sdk';
// The tests play the cooperative in Node (its credentials never reach the page).
// eslint-disable-next-line no-restricted-imports
import type { CoopCredentials } from '@cardcoop/sdk/coop';
import type { CoopSite } from '../../../../examples/coop-site/index.js';
import { anna } from '../../../../packages/sdk/src/testing/card-fixtures.js';
import type { AppServer } from './app-server.js';

/** A cooperative's bank details for its payment requests (setPaymentDetails). */
export const BANK_DETAILS = {
  recipient_name: 'ПК Восход',
  inn: '7707083893',
  kpp: '773601001',
  personal_acc: '40702810938000000001',
  bank_name: 'ПАО Сбербанк',
  bic: '044525225',
  corresp_acc: '30101810400000000225',
};

/** Registers a cooperative through the admin API; its client credentials for the coop SDK. */
export async function registerCooperative(
  server: AppServer,
  coopname: string,
  displayName: string,
): Promise<CoopCredentials> {
  const created = await fetch(`${server.url}/api/v1/admin/cooperatives`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${server.adminApiKey}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ coopname, display_name: displayName }),
  });
  if (created.status !== 201) throw new Error(`register cooperative: ${created.status}`);
  const { client_secret } = (await created.json()) as { client_secret: string };
  return { baseUrl: server.url, coopname, clientSecret: client_secret };
}

/** The cooperative confirms the membership of its account `username` over its API. */
export async function confirmMembership(coop: CoopCredentials, username: string): Promise<void> {
  const basic = Buffer.from(`${coop.coopname}:${coop.clientSecret}`).toString('base64');
  const answer = await fetch(`${coop.baseUrl}/api/v1/coop/memberships/${username}`, {
    method: 'PUT',
    headers: { authorization: `Basic ${basic}` },
  });
  if (answer.status !== 204) throw new Error(`confirm membership: ${answer.status}`);
}

/**
 * Changes a cooperative's settings through the admin API, as an operator would: reads its
 * revision, then patches on top of it.
 *
 * @example
 * ```ts
 * await updateCooperative(server, 'voskhodsite1', { consent_purpose: 'учёт паевых взносов' });
 * ```
 */
export async function updateCooperative(
  server: AppServer,
  coopname: string,
  change: Omit<UpdateCooperative, 'expected_revision'>,
): Promise<void> {
  const url = `${server.url}/api/v1/admin/cooperatives/${coopname}`;
  const headers = {
    authorization: `Bearer ${server.adminApiKey}`,
    'content-type': 'application/json',
  };
  const current = await fetch(url, { headers });
  if (!current.ok) throw new Error(`read cooperative: ${current.status}`);
  const { revision } = (await current.json()) as { revision: number };
  const updated = await fetch(url, {
    method: 'PATCH',
    headers,
    body: JSON.stringify({ ...change, expected_revision: revision }),
  });
  if (!updated.ok) throw new Error(`update cooperative: ${updated.status} ${await updated.text()}`);
}

/**
 * The member shares their name with the example cooperative site the way /id/connect does
 * (the site's own /join request, PKCE and state), then the site's callback exchanges the ticket
 * and reads the card once; fails unless the site welcomes the member.
 */
export async function shareWithSite(site: CoopSite, member: MemberClient): Promise<void> {
  const join = await fetch(`${site.url}/join`, { redirect: 'manual' });
  const params = new URL(join.headers.get('location') ?? '').searchParams;
  const cookie = join.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { prepared } = await member.access.prepare(site.coop.coopname);
  const issued = await member.access.share({
    prepared,
    fields: ['last_name', 'first_name'],
    redirectUri: params.get('redirect_uri') ?? '',
    state: params.get('state') ?? '',
    codeChallenge: params.get('code_challenge') ?? '',
  });
  const callback = `${issued.redirect_uri}?${new URLSearchParams({ ticket: issued.ticket, state: issued.state })}`;
  const welcome = await fetch(callback, { headers: { cookie } });
  if (welcome.status !== 200) throw new Error(`the site's callback answered ${welcome.status}`);
}

/** The member issues the card (`anna`), opens an account in the example site and shares with it. */
export async function joinSite(site: CoopSite, member: MemberClient): Promise<void> {
  await member.card.issue(anna);
  await member.card.createAccount(site.coop.coopname);
  await shareWithSite(site, member);
}
