import { PrivateKey } from '@wharfkit/antelope';
import type { CoopToken, CreateCooperative } from '@cardcoop/contracts';
import { certifyDataKey, exchangeTicket, generateDataKey, startShare } from '../coop/index.js';
import type { DataKeyPair, ExchangeTicketInput } from '../coop/index.js';
import { createMemberClient } from '../member/member-client.js';
import type { MemberClient } from '../member/member-client.js';
import { registerCooperative } from './member-fixture.js';
import type { Fixture, TestApp, Wire } from './member-fixture.js';

/** The member of `fixture`, on its device's wire and clock, able to open the card. */
export function fixtureMember(server: TestApp, fixture: Fixture): MemberClient {
  return createMemberClient({
    baseUrl: server.url,
    fetch: fixture.wire.fetch,
    tokens: fixture.registered.tokens,
    now: () => fixture.clock.now,
    userKey: fixture.registered.userKey,
  });
}

/**
 * Registers an open cooperative that takes shares at its one redirect URI, and publishes its
 * certified data key over `wire` (the cooperative's own network, not the member's device).
 */
export async function sharingCooperative(
  server: TestApp,
  wire: Wire,
  input: Pick<CreateCooperative, 'coopname' | 'display_name' | 'requested_fields'> & {
    legal_name?: string;
    redirect_uri: string;
  },
): Promise<{ clientSecret: string; dataKey: DataKeyPair }> {
  const { redirect_uri: redirectUri, ...cooperative } = input;
  const clientSecret = await registerCooperative(server, {
    ...cooperative,
    admission: 'open',
    redirect_uris: [redirectUri],
  });
  const dataKey = await generateDataKey({ coopname: input.coopname });
  const certificate = certifyDataKey({
    coopname: input.coopname,
    kid: dataKey.kid,
    publicKey: dataKey.publicKey,
    accountPrivateKeyWif: PrivateKey.generate('K1').toWif(),
  });
  const put = await wire.fetch(`${server.url}/api/v1/coop/data-key`, {
    method: 'PUT',
    headers: {
      authorization: `Basic ${btoa(`${input.coopname}:${clientSecret}`)}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify(certificate),
  });
  if (put.status !== 204) throw new Error(`data key not published: ${put.status}`);
  return { clientSecret, dataKey };
}

/** The member shares `fields` with the cooperative, which started the share (PKCE). */
export async function shareWith(
  member: MemberClient,
  coopname: string,
  redirectUri: string,
  fields: string[],
) {
  const started = await startShare({ redirectUri });
  const { prepared } = await member.access.prepare(coopname);
  const issued = await member.access.share({
    prepared,
    fields,
    redirectUri,
    state: started.state,
    codeChallenge: started.codeChallenge,
  });
  return { started, issued };
}

/** The member shares `fields`; the cooperative exchanges the ticket for its token. */
export async function shareAndExchange(
  member: MemberClient,
  cooperative: Omit<ExchangeTicketInput, 'ticket' | 'redirectUri' | 'codeVerifier'>,
  redirectUri: string,
  fields: string[],
): Promise<CoopToken> {
  const { started, issued } = await shareWith(member, cooperative.coopname, redirectUri, fields);
  return exchangeTicket({
    ...cooperative,
    ticket: issued.ticket,
    redirectUri,
    codeVerifier: started.codeVerifier,
  });
}
