import { Inject, Injectable } from '@nestjs/common';
import type { BalanceList, BalancesInput } from '@cardcoop/contracts';
import { AppError } from '../../common/errors/app-error.js';
import { AuditService } from '../audit/audit.service.js';
import { CardAccountsRepository } from '../card/card-accounts.repository.js';
import { MEMBERSHIP_PROVIDER } from '../membership/membership.provider.js';
import type { MembershipProvider } from '../membership/membership.provider.js';
import { NotificationService } from '../notifications/notification.service.js';
import type { Notified } from '../notifications/notification.service.js';
import { MemberEvents } from '../realtime/member-events.js';
import { accountKey, BALANCE_PROVIDER } from './balance.provider.js';
import type { AccountRef, BalanceProvider } from './balance.provider.js';
import { BalancesRepository } from './balances.repository.js';

/** An open account whose membership is confirmed, with its cooperative's name. */
export type ConfirmedAccount = AccountRef & { displayName: string };

@Injectable()
export class BalancesService {
  constructor(
    @Inject(BalancesRepository) private readonly balances: BalancesRepository,
    @Inject(BALANCE_PROVIDER) private readonly provider: BalanceProvider,
    @Inject(MEMBERSHIP_PROVIDER) private readonly membership: MembershipProvider,
    @Inject(CardAccountsRepository) private readonly accounts: CardAccountsRepository,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(MemberEvents) private readonly events: MemberEvents,
    @Inject(NotificationService) private readonly notifications: NotificationService,
  ) {}

  /**
   * The cooperative replaces the balances of its open account `username` (`NOT_FOUND` for a
   * username that is no open account in this cooperative: nothing is written). A change is
   * recorded in the member's history (`balance.updated`), pushed to their open tabs
   * (`balance.changed`) and notified (`balance.changed`, written in the change's transaction);
   * the same balances again notify nobody.
   */
  async push(coopname: string, username: string, input: BalancesInput): Promise<void> {
    let notified: Notified | undefined;
    const outcome = await this.balances.replace(
      coopname,
      username,
      input,
      (userId) => this.audit.eventFor(userId, 'balance.updated', { coopname }),
      async (tx, userId) => {
        notified = await this.notifications.notify(userId, 'balance.changed', {}, { coopname, tx });
      },
    );
    if (!outcome.found) throw new AppError('NOT_FOUND', 404);
    if (!outcome.changed) return;
    this.events.publish(outcome.userId, { type: 'balance.changed', coopname });
    notified?.afterCommit();
  }

  /**
   * The member's balances per cooperative, only where the membership of an open account is
   * confirmed (an applicant's or a closed account's cooperative is left out); a cooperative
   * that pushed nothing yet is listed with no funds.
   */
  async listFor(userId: string): Promise<BalanceList> {
    const open = (await this.accounts.listOf(userId)).filter((account) => !account.closedAt);
    const statuses = await this.membership.statuses(open);
    return this.listOf(open.filter((_, i) => statuses[i] === 'confirmed'));
  }

  /** {@link listFor} of accounts the caller already knows to be open and confirmed. */
  async listOf(confirmed: ConfirmedAccount[]): Promise<BalanceList> {
    const found = await this.provider.balancesOf(confirmed);
    return {
      cooperatives: confirmed.map((account) => {
        const balances = found.get(accountKey(account));
        return {
          coopname: account.coopname,
          display_name: account.displayName,
          username: account.username,
          as_of: balances?.asOf.toISOString() ?? null,
          funds: balances?.funds ?? [],
        };
      }),
    };
  }
}
