import { Inject, Injectable } from '@nestjs/common';
import type { CoopToken, EncryptedData, Grant, TicketIssued } from '@cardcoop/contracts';
import type { exchangeTicketSchema, shareDataSchema } from '@cardcoop/contracts';
import type { z } from 'zod';
import { AppError } from '../../common/errors/app-error.js';
import { CLOCK, RANDOM } from '../../infra/clock/clock.js';
import type { Clock, Random } from '../../infra/clock/clock.js';
import { draftEvent } from '../audit/audit-draft.js';
import type { PendingEvent } from '../audit/audit.repository.js';
import { AuditService } from '../audit/audit.service.js';
import type { NewCardAccount } from '../card/card-accounts.repository.js';
import { CardAccountsService, rethrowAccountConflict } from '../card/card-accounts.service.js';
import {
  acceptsSecretVersion,
  clientSecretVersion,
} from '../cooperatives/client-secret-version.js';
import { CooperativesRepository } from '../cooperatives/cooperatives.repository.js';
import type { CooperativeRow } from '../cooperatives/cooperatives.repository.js';
import { NotificationService } from '../notifications/notification.service.js';
import { MemberEvents } from '../realtime/member-events.js';
import { TokenService } from '../tokens/token.service.js';
import { AccessService, assertRegisteredTarget } from './access.service.js';
import { GrantsRepository } from './grants.repository.js';
import { TestSharesService } from './test-shares.service.js';
import { invalidGrant, invalidToken, sha256, ticketBound } from './ticket-binding.js';

export const TICKET_TTL_SECONDS = 120;
export const COOP_TOKEN_SECONDS = 900;

type ShareData = z.infer<typeof shareDataSchema>;
type ExchangeTicket = z.infer<typeof exchangeTicketSchema>;

/**
 * The share flow, an OAuth 2 authorization-code flow in all but name: the member's device seals
 * the consented data to the cooperative's key and gets a single-use ticket bound to the
 * cooperative, the exact redirect URI and a PKCE challenge; the cooperative exchanges it with its
 * client credentials and the verifier for a 15-minute token that reads exactly that grant.
 */
@Injectable()
export class SharingService {
  constructor(
    @Inject(AccessService) private readonly access: AccessService,
    @Inject(CardAccountsService) private readonly accounts: CardAccountsService,
    @Inject(GrantsRepository) private readonly grants: GrantsRepository,
    @Inject(TokenService) private readonly tokens: TokenService,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(CooperativesRepository) private readonly cooperatives: CooperativesRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(RANDOM) private readonly random: Random,
    @Inject(MemberEvents) private readonly events: MemberEvents,
    @Inject(NotificationService) private readonly notifications: NotificationService,
    @Inject(TestSharesService) private readonly testShares: TestSharesService,
  ) {}

  /**
   * Consent: stores what the device sealed, with the names of the consented fields (a subset of
   * those the cooperative requests), and issues the ticket. A member without an account in an open cooperative sends the
   * one made on the device (`new_account`): it is checked like `add-account` and written in the
   * same transaction as the grant (409 USERNAME_TAKEN, nothing written, when its name is taken).
   */
  async share(userId: string, input: ShareData, ip: string): Promise<TicketIssued> {
    const { cooperative, username, certificate } = await this.access.shareable(
      userId,
      input.coopname,
    );
    assertRegisteredTarget(cooperative, input.redirect_uri, input.response_mode);
    if (input.envelope.kid !== certificate.payload.kid) throw new AppError('CONFLICT', 409);
    const fields = [...new Set(input.fields)];
    if (!fields.every((field) => cooperative.requestedFields.includes(field))) {
      throw new AppError('VALIDATION_FAILED', 422, {
        details: [{ path: 'fields', code: 'custom', message: 'not requested by the cooperative' }],
      });
    }
    const account = await this.accountToShare(userId, username, input, ip);
    const ticket = this.random.bytes(32).toString('base64url');
    await this.grants
      .share(
        {
          userId,
          coopname: cooperative.coopname,
          username: account.username,
          envelope: input.envelope,
          fields,
        },
        {
          hash: sha256(ticket),
          coopname: cooperative.coopname,
          redirectUri: input.redirect_uri,
          codeChallenge: input.code_challenge,
          expiresAt: new Date(this.clock.now() + TICKET_TTL_SECONDS * 1000),
        },
        (grantId) =>
          this.audit.eventFor(
            userId,
            'grant.shared',
            {
              coopname: cooperative.coopname,
              grant_id: grantId,
              // Quick entry (ADR 018): shared again without the consent screen.
              ...(input.prompt ? { prompt: input.prompt } : {}),
            },
            ip,
          ),
        account.create,
      )
      .catch(rethrowAccountConflict);
    const shared = { coopname: cooperative.coopname };
    this.events.publish(userId, { type: 'grant.shared', ...shared });
    await this.notifications.notify(userId, 'grant.shared', {}, shared);
    return {
      ticket,
      redirect_uri: input.redirect_uri,
      state: input.state,
      expires_in: TICKET_TTL_SECONDS,
    };
  }

  /**
   * The account the share is made under: the member's open one (`username`), or the new one
   * sent with it, to be created with the grant. A retried share whose first answer was lost
   * sends the account that share made: it goes on with it.
   */
  private async accountToShare(
    userId: string,
    username: string | null,
    input: ShareData,
    ip: string,
  ): Promise<{ username: string; create?: { row: NewCardAccount; event: PendingEvent } }> {
    const proposed = input.new_account;
    if (username !== null) {
      if (proposed && !(await this.accounts.isOpen(userId, input.coopname, proposed))) {
        throw new AppError('ACCOUNT_EXISTS', 409);
      }
      return { username };
    }
    if (!proposed) throw new AppError('NOT_FOUND', 404);
    const { account, event } = await this.accounts.checkNew(
      userId,
      { ...proposed, coopname: input.coopname },
      ip,
      'new_account.',
    );
    return { username: proposed.username, create: { row: account, event } };
  }

  /** Client credentials checked by the guard; everything else here. A replayed ticket burns its tokens. */
  async exchange(cooperative: CooperativeRow, input: ExchangeTicket): Promise<CoopToken> {
    const hash = sha256(input.ticket);
    const ticket = await this.grants.ticket(hash);
    if (!ticket) return this.testShares.exchange(cooperative, hash, input);
    if (ticket.coopname !== cooperative.coopname) throw invalidGrant();
    if (ticket.redeemedAt) {
      await this.grants.bumpGeneration(ticket.grantId);
      throw invalidGrant();
    }
    if (!ticketBound(ticket, input, this.clock.now())) throw invalidGrant();
    // The cooperative's request: no member IP to record.
    const exchanged = {
      draft: draftEvent('grant.ticket_exchanged', {
        coopname: cooperative.coopname,
        grant_id: ticket.grantId,
      }),
      ipSealed: null,
    };
    if (!(await this.grants.redeem(ticket.hash, exchanged))) {
      await this.grants.bumpGeneration(ticket.grantId);
      throw invalidGrant();
    }
    const grant = await this.grants.find(ticket.grantId);
    if (!grant || grant.revokedAt) throw invalidGrant();
    const accessToken = await this.tokens.sign(
      {
        sub: cooperative.coopname,
        sid: grant.id,
        aud: 'coop',
        scope: `grant:${grant.username}`,
        amr: ['client_secret', 'pkce'],
        gen: grant.generation,
        csv: clientSecretVersion(cooperative.clientSecretHash),
      },
      COOP_TOKEN_SECONDS,
    );
    return {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: COOP_TOKEN_SECONDS,
      username: grant.username,
      coopname: cooperative.coopname,
    };
  }

  /**
   * The cooperative reads the ciphertext its token is scoped to, and nothing else — while it is
   * active and its client secret is the one the token was issued under (checked in the read's
   * own statement, so on every node at once: 401 INVALID_TOKEN after a suspension or rotation).
   */
  async encryptedData(
    accessToken: string,
    username: string,
    coopname: string,
  ): Promise<EncryptedData> {
    const claims = await this.tokens.verify(accessToken, 'coop');
    // Tokens issued before secret versions existed carry none: they end like a rotated secret.
    if (typeof claims.csv !== 'string') throw invalidToken();
    if (claims.sub !== coopname || claims.scope !== `grant:${username}` || claims.gen === undefined)
      throw new AppError('FORBIDDEN', 403);
    if (claims.tst === true) return this.testShares.read(claims.sid, coopname, claims.csv);
    const grant = await this.grants.read(
      claims.sid,
      { generation: claims.gen, username, coopname, secretVersion: claims.csv },
      draftEvent('grant.read', { coopname, grant_id: claims.sid }),
    );
    if (!grant) {
      // Only on a refusal: say whether the token itself is over, or this grant is.
      const cooperative = await this.cooperatives.find(coopname);
      const current =
        cooperative?.status === 'active' &&
        acceptsSecretVersion(cooperative, claims.csv, this.clock.now());
      throw current ? new AppError('FORBIDDEN', 403) : invalidToken();
    }
    // The member's notice follows from the read's audit event (ReadNotices), off this hot path.
    this.events.publish(grant.userId, { type: 'grant.read', coopname });
    return {
      username,
      coopname,
      envelope: grant.envelope,
      public_key: grant.memberPublicKey,
      shared_at: grant.sharedAt.toISOString(),
    };
  }

  /** The member's grants, newest first; revoked ones stay listed with their dates. */
  async list(userId: string): Promise<Grant[]> {
    return (await this.grants.allOf(userId)).map((grant) => ({
      coopname: grant.coopname,
      display_name: grant.displayName,
      username: grant.username,
      shared_at: grant.sharedAt.toISOString(),
      fields: grant.fields,
      last_read_at: grant.lastReadAt?.toISOString() ?? null,
      read_count: grant.readCount,
      revoked_at: grant.revokedAt?.toISOString() ?? null,
    }));
  }

  /**
   * The member refused to share with an active cooperative: nothing is written but the event in
   * their own history (no account, no grant — nothing was made before they consented).
   */
  async refuse(userId: string, coopname: string, ip: string): Promise<void> {
    const cooperative = await this.cooperatives.find(coopname);
    if (cooperative?.status !== 'active') throw new AppError('NOT_FOUND', 404);
    await this.audit.record(userId, 'grant.refused', { coopname }, ip);
  }

  async revoke(userId: string, coopname: string, ip: string): Promise<void> {
    const event = this.audit.eventFor(userId, 'grant.revoked', { coopname }, ip);
    if (!(await this.grants.revoke(userId, coopname, event))) throw new AppError('NOT_FOUND', 404);
    this.events.publish(userId, { type: 'grant.revoked', coopname });
    await this.notifications.notify(userId, 'grant.revoked', {}, { coopname });
  }
}
