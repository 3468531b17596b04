import { Inject, Injectable } from '@nestjs/common';
import { PublicKey } from '@wharfkit/antelope';
import { accountProofPayload, TEST_MEMBER_USERNAME } from '@cardcoop/contracts';
import type { AccountChallenge, CardAccount } from '@cardcoop/contracts';
import type {
  accountChallengeRequestSchema,
  addAccountSchema,
  newAccountSchema,
} from '@cardcoop/contracts';
import { verifySignedObject } from '@cardcoop/sdk';
import type { z } from 'zod';
import { AppError, violatedUniqueConstraint } from '../../common/errors/app-error.js';
import { sameJson } from '../../common/same-json.js';
import { CACHE } from '../../infra/cache/cache.js';
import type { Cache } from '../../infra/cache/cache.js';
import { SingleUseChallenges } from '../../infra/cache/single-use-challenges.js';
import { AuditService } from '../audit/audit.service.js';
import { CooperativesService } from '../cooperatives/cooperatives.service.js';
import type { CooperativeRow } from '../cooperatives/cooperatives.repository.js';
import { MEMBERSHIP_PROVIDER } from '../membership/membership.provider.js';
import { NotificationService } from '../notifications/notification.service.js';
import type { Notified } from '../notifications/notification.service.js';
import { MemberEvents } from '../realtime/member-events.js';
import type { MembershipProvider, MembershipStatus } from '../membership/membership.provider.js';
import type { PendingEvent } from '../audit/audit.repository.js';
import { CardAccountsRepository } from './card-accounts.repository.js';
import type { CardAccountRow, NewCardAccount } from './card-accounts.repository.js';

type AddAccount = z.infer<typeof addAccountSchema>;
type NewAccount = z.infer<typeof newAccountSchema>;
type ChallengeRequest = z.infer<typeof accountChallengeRequestSchema>;

/** How long a challenge to prove an account's key may be answered. */
export const ACCOUNT_CHALLENGE_SECONDS = 300;

interface PendingChallenge {
  userId: string;
  coopname: string;
  username: string;
}

/** A 422 about one field of the account (`at`: where the account sits in the body). */
const invalidField = (at: string, field: string, message: string, cause?: unknown) =>
  new AppError('VALIDATION_FAILED', 422, {
    details: [{ path: `${at}${field}`, code: 'custom', message }],
    cause,
  });

/** The unique constraint on `card_accounts.username` (see the migrations). */
const USERNAME_CONSTRAINT = 'card_accounts_username_unique';

/** What an account shows of its cooperative: its name, and where "Open" leads (ADR 018). */
const cooperativeOf = (cooperative: CooperativeRow) => ({
  displayName: cooperative.displayName,
  entryUrl: cooperative.entryUrl,
});

/**
 * A member's accounts in cooperatives: one open per cooperative, usernames unique across the
 * platform for good (closed accounts keep theirs), the private key only ever stored in an
 * envelope under the member's user key.
 */
@Injectable()
export class CardAccountsService {
  private readonly challenges: SingleUseChallenges<PendingChallenge>;

  constructor(
    @Inject(CardAccountsRepository) private readonly accounts: CardAccountsRepository,
    @Inject(CooperativesService) private readonly cooperatives: CooperativesService,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(MEMBERSHIP_PROVIDER) private readonly membership: MembershipProvider,
    @Inject(CACHE) cache: Cache,
    @Inject(MemberEvents) private readonly events: MemberEvents,
    @Inject(NotificationService) private readonly notifications: NotificationService,
  ) {
    this.challenges = new SingleUseChallenges(
      cache,
      'account-challenge',
      ACCOUNT_CHALLENGE_SECONDS,
    );
  }

  /** A single-use challenge for proving the key of `username`, bound to this member. */
  async challenge(userId: string, input: ChallengeRequest): Promise<AccountChallenge> {
    return this.challenges.issue({
      userId,
      coopname: input.coopname,
      username: input.username,
    });
  }

  async add(userId: string, input: AddAccount, ip: string): Promise<CardAccount> {
    const cooperative = await this.cooperatives.active(input.coopname);
    // A retry of an addition that happened (its answer lost) gets the account, not a 409.
    const existing = await this.accounts.findInCooperative(userId, cooperative.coopname);
    if (existing && isSameAccount(existing, input))
      return this.toAccount({ ...existing, ...cooperativeOf(cooperative) });
    const { account, event } = await this.checkNew(userId, input, ip);
    const row = await this.accounts.insert(account, event).catch(rethrowAccountConflict);
    return this.toAccount({ ...row, ...cooperativeOf(cooperative) });
  }

  /**
   * Everything `add` checks of a new account before writing it: a valid K1 key, and the chain's
   * claim and proof rules (`assertMayClaim`). Returns its `account.added` event; the account is
   * written by the caller (with the share that makes it: `SharingService.share`). `at` prefixes
   * the paths of field errors (`new_account.` in a share).
   */
  async checkNew(
    userId: string,
    input: AddAccount,
    ip: string,
    at = '',
  ): Promise<{ account: NewCardAccount; event: PendingEvent }> {
    assertValidPublicKey(input.public_key, at);
    await this.assertMayClaim(userId, input, at);
    return {
      account: newCardAccount(userId, input),
      event: this.audit.eventFor(
        userId,
        'account.added',
        { coopname: input.coopname, username: input.username },
        ip,
      ),
    };
  }

  /**
   * Closes the member's open account in the cooperative: its live grant is revoked with it (the
   * cooperative's tokens stop at once) and its username is never given again. 404 without one.
   */
  async close(userId: string, coopname: string, ip: string): Promise<void> {
    const account = await this.accounts.findInCooperative(userId, coopname);
    let notified: Notified | undefined;
    const closed =
      account &&
      (await this.accounts.close(
        account.id,
        {
          closed: this.audit.eventFor(
            userId,
            'account.closed',
            { coopname, username: account.username },
            ip,
          ),
          revoked: this.audit.eventFor(
            userId,
            'grant.revoked',
            { coopname, username: account.username },
            ip,
          ),
        },
        // The notice is the same as a revocation's, written with the close.
        async (tx) => {
          notified = await this.notifications.notify(userId, 'grant.revoked', {}, { coopname, tx });
        },
      ));
    if (!closed) throw new AppError('NOT_FOUND', 404);
    // The open access page lists the grant as ended.
    this.events.publish(userId, { type: 'grant.revoked', coopname });
    notified?.afterCommit();
  }

  /**
   * A username that already exists on chain belongs to whoever holds its keys: the member must
   * claim it with one of its `owner`/`active` keys and prove holding that key (a signed,
   * single-use challenge). Otherwise anyone could attach a participant's username and be shown
   * as that confirmed member. A given proof is checked even when the chain does not ask for one.
   */
  private async assertMayClaim(userId: string, input: AddAccount, at: string): Promise<void> {
    // The connection test's member: its shares are never a member's.
    if (input.username === TEST_MEMBER_USERNAME) throw new AppError('USERNAME_TAKEN', 409);
    const chainKeys = await this.membership.existingAccountKeys(input.username);
    if (chainKeys) {
      const claimed = PublicKey.from(input.public_key);
      // Usernames are public on chain: saying this one is someone else's reveals nothing.
      if (!chainKeys.some((key) => PublicKey.from(key).equals(claimed))) {
        throw new AppError('USERNAME_TAKEN', 409);
      }
      if (!input.proof) throw invalidField(at, 'proof', 'required: the account exists on chain');
    }
    if (!input.proof) return;
    const pending = await this.challenges.take(input.proof.challenge);
    if (
      !pending ||
      pending.userId !== userId ||
      pending.coopname !== input.coopname ||
      pending.username !== input.username
    ) {
      throw invalidField(at, 'proof', 'unknown, expired or already used challenge');
    }
    const signed = {
      payload: accountProofPayload({
        challenge: input.proof.challenge,
        coopname: input.coopname,
        username: input.username,
      }),
      public_key: input.public_key,
      signature: input.proof.signature,
    };
    if (!verifySignedObject(signed)) {
      throw invalidField(at, 'proof', 'the signature does not verify');
    }
  }

  /** Whether the member's open account in the cooperative is `input` (a retried creation). */
  async isOpen(userId: string, coopname: string, input: NewAccount): Promise<boolean> {
    const row = await this.accounts.findInCooperative(userId, coopname);
    return row !== undefined && isSameAccount(row, input);
  }

  /** The member's open account in a cooperative with its membership, or undefined. */
  async inCooperative(
    userId: string,
    coopname: string,
  ): Promise<{ username: string; membership: CardAccount['membership'] } | undefined> {
    const row = await this.accounts.findInCooperative(userId, coopname);
    return (
      row && {
        username: row.username,
        membership: await this.membership.status(coopname, row.username),
      }
    );
  }

  /**
   * One page of the cooperative's members with an open account whose membership is confirmed
   * (`limit` accounts looked at after the username `after`); `next` is where the next page
   * starts, undefined after the last.
   */
  async confirmedIn(
    coopname: string,
    after: string | undefined,
    limit: number,
  ): Promise<{ userIds: string[]; next: string | undefined }> {
    const rows = await this.accounts.openIn(coopname, after, limit);
    const statuses = await this.membership.statuses(rows);
    return {
      userIds: rows.filter((_, i) => statuses[i] === 'confirmed').map((row) => row.userId),
      next: rows.length < limit ? undefined : rows.at(-1)!.username,
    };
  }

  async list(userId: string): Promise<CardAccount[]> {
    const rows = await this.accounts.listOf(userId);
    const statuses = await this.membership.statuses(rows);
    return rows.map((row, index) => this.present(row, statuses[index]!));
  }

  private async toAccount(row: CardAccountRow): Promise<CardAccount> {
    return this.present(row, await this.membership.status(row.coopname, row.username));
  }

  private present(row: CardAccountRow, membership: MembershipStatus): CardAccount {
    return {
      id: row.id,
      coopname: row.coopname,
      display_name: row.displayName,
      username: row.username,
      public_key: row.publicKey,
      encrypted_private_key: row.encryptedPrivateKey,
      membership,
      created_at: row.createdAt.toISOString(),
      closed_at: row.closedAt?.toISOString() ?? null,
      entry_url: row.entryUrl,
    };
  }
}

/** The checksum of a PUB_K1 key is verified, not just its shape. */
function assertValidPublicKey(value: string, at: string): void {
  try {
    PublicKey.from(value);
  } catch (cause) {
    throw invalidField(at, 'public_key', 'not a valid K1 public key', cause);
  }
}

/**
 * Whether a stored account is the one a request would add: a retry whose first answer was lost
 * gets it (or goes on with it) instead of a 409.
 */
export function isSameAccount(
  row: { username: string; publicKey: string; encryptedPrivateKey: unknown },
  input: NewAccount,
): boolean {
  return (
    row.username === input.username &&
    row.publicKey === input.public_key &&
    sameJson(row.encryptedPrivateKey, input.encrypted_private_key)
  );
}

function newCardAccount(userId: string, input: AddAccount): NewCardAccount {
  return {
    userId,
    coopname: input.coopname,
    username: input.username,
    publicKey: input.public_key,
    encryptedPrivateKey: input.encrypted_private_key,
  };
}

/**
 * A unique violation writing an account, as the member's error: the username is someone's
 * (usernames are public on chain anyway, so saying so reveals nothing), or the member already
 * has an open account in that cooperative.
 */
export function rethrowAccountConflict(error: unknown): never {
  const constraint = violatedUniqueConstraint(error);
  if (constraint === undefined) throw error;
  const code = constraint === USERNAME_CONSTRAINT ? 'USERNAME_TAKEN' : 'ACCOUNT_EXISTS';
  throw new AppError(code, 409, { cause: error });
}
