import { Inject, Injectable } from '@nestjs/common';
import { PublicKey } from '@wharfkit/antelope';
import type { CardAccount, SymmetricEnvelope } from '@cardcoop/contracts';
import type { addAccountSchema } from '@cardcoop/contracts';
import type { z } from 'zod';
import { AppError, violatedUniqueConstraint } from '../../common/errors/app-error.js';
import { AuditService } from '../audit/audit.service.js';
import { CooperativesService } from '../cooperatives/cooperatives.service.js';
import { MEMBERSHIP_PROVIDER } from '../membership/membership.provider.js';
import type { MembershipProvider, MembershipStatus } from '../membership/membership.provider.js';
import { CardAccountsRepository } from './card-accounts.repository.js';
import type { CardAccountRow } from './card-accounts.repository.js';

type AddAccount = z.infer<typeof addAccountSchema>;

/**
 * A member's accounts in cooperatives: one per cooperative, usernames unique across the
 * platform, the private key only ever stored in an envelope under the member's user key.
 */
/** The unique constraint on `card_accounts.username` (see the migrations). */
const USERNAME_CONSTRAINT = 'card_accounts_username_unique';

@Injectable()
export class CardAccountsService {
  constructor(
    @Inject(CardAccountsRepository) private readonly accounts: CardAccountsRepository,
    @Inject(CooperativesService) private readonly cooperatives: CooperativesService,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(MEMBERSHIP_PROVIDER) private readonly membership: MembershipProvider,
  ) {}

  async add(userId: string, input: AddAccount, ip: string): Promise<CardAccount> {
    assertValidPublicKey(input.public_key);
    const cooperative = await this.cooperatives.active(input.coopname);
    const row = await this.accounts
      .insert({
        userId,
        coopname: cooperative.coopname,
        username: input.username,
        publicKey: input.public_key,
        encryptedPrivateKey: input.encrypted_private_key,
      })
      .catch((error: unknown) => {
        const constraint = violatedUniqueConstraint(error);
        if (constraint === undefined) throw error;
        // Usernames are public on chain anyway, so saying one is taken reveals nothing.
        const code = constraint === USERNAME_CONSTRAINT ? 'USERNAME_TAKEN' : 'ACCOUNT_EXISTS';
        throw new AppError(code, 409, { cause: error });
      });
    await this.audit.record(
      userId,
      'account.added',
      { coopname: cooperative.coopname, username: row.username },
      ip,
    );
    return this.toAccount({ ...row, cooperativeName: cooperative.displayName });
  }

  /** The member's account in a cooperative with its membership, or undefined. */
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
      cooperative_name: row.cooperativeName,
      username: row.username,
      public_key: row.publicKey,
      encrypted_private_key: row.encryptedPrivateKey as SymmetricEnvelope,
      membership,
      created_at: row.createdAt.toISOString(),
    };
  }
}

/** The checksum of a PUB_K1 key is verified, not just its shape. */
function assertValidPublicKey(value: string): void {
  try {
    PublicKey.from(value);
  } catch (cause) {
    throw new AppError('VALIDATION_FAILED', 422, { cause });
  }
}
