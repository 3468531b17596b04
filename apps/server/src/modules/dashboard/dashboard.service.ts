import { Inject, Injectable } from '@nestjs/common';
import { DASHBOARD_LIMITS } from '@cardcoop/contracts';
import type {
  CardAccount,
  Dashboard,
  DashboardAccount,
  DashboardCard,
  Grant,
  Meeting,
} from '@cardcoop/contracts';
import { AppError } from '../../common/errors/app-error.js';
import { SharingService } from '../access/sharing.service.js';
import { BalancesService } from '../balances/balances.service.js';
import type { ConfirmedAccount } from '../balances/balances.service.js';
import { CardAccountsService } from '../card/card-accounts.service.js';
import { CardService } from '../card/card.service.js';
import { ContributionsService } from '../contributions/contributions.service.js';
import { MeetingsService } from '../meetings/meetings.service.js';
import { NotificationsCentre } from '../notifications/notifications-centre.js';

/** The soonest upcoming meetings looked through for one not cancelled (as the meetings page). */
const MEETING_LOOKAHEAD = 10;
/** The unpaid contributions counted at most (the largest page of `GET /contributions`). */
const UNPAID_MAX = 500;

/**
 * The member's home in one answer, assembled from each module's own service; every read runs
 * concurrently, balances and the next meeting as soon as the accounts are known. Database
 * statements per request (PostgreSQL, built-in membership registry), besides the guard's session
 * check:
 *
 * | part          | statements                                                          |
 * | ------------- | ------------------------------------------------------------------- |
 * | card          | 1 (the card row)                                                    |
 * | accounts      | 2 (accounts with their cooperatives, memberships confirmed)         |
 * | balances      | 1 (pushed balances of the confirmed accounts)                       |
 * | next meeting  | 1 (upcoming meetings with counts and the member's answer)           |
 * | contributions | 1 (requested and overdue)                                           |
 * | notifications | 2 (latest, unread count)                                            |
 * | reads         | 1 (grants)                                                          |
 *
 * 9 in all (10 with the session check; bench/dashboard.js counts them), at most
 * `DATABASE_POOL_MAX` at a time.
 */
@Injectable()
export class DashboardService {
  constructor(
    @Inject(CardService) private readonly card: CardService,
    @Inject(CardAccountsService) private readonly accounts: CardAccountsService,
    @Inject(BalancesService) private readonly balances: BalancesService,
    @Inject(MeetingsService) private readonly meetings: MeetingsService,
    @Inject(ContributionsService) private readonly contributions: ContributionsService,
    @Inject(NotificationsCentre) private readonly notifications: NotificationsCentre,
    @Inject(SharingService) private readonly sharing: SharingService,
  ) {}

  async of(userId: string): Promise<Dashboard> {
    const listed = this.accounts.list(userId);
    // Balances and meetings start once the accounts are known, instead of reading them again.
    const confirmed = listed.then((accounts) => accounts.filter(isConfirmed));
    const [card, accounts, balances, nextMeeting, contributions, latest, unread, grants] =
      await Promise.all([
        this.cardOf(userId),
        listed,
        confirmed.then((open) => this.balances.listOf(open.map(toConfirmedAccount))),
        confirmed.then((open) => this.nextMeeting(userId, open)),
        this.contributions.unpaid(userId, UNPAID_MAX),
        this.notifications.list(userId, { limit: DASHBOARD_LIMITS.notifications }),
        this.notifications.unreadCount(userId),
        this.sharing.list(userId),
      ]);
    return {
      card,
      accounts: accounts.map(toDashboardAccount),
      balances: balances.cooperatives,
      next_meeting: nextMeeting,
      contributions: {
        unpaid: contributions.length,
        nearest: contributions.slice(0, DASHBOARD_LIMITS.contributions),
      },
      notifications: { unread, latest: latest.notifications },
      reads: recentReads(grants),
    };
  }

  /** Kind, revision and time of the last change; never the envelope. Null: no card yet. */
  private async cardOf(userId: string): Promise<DashboardCard | null> {
    const stored = await this.card.get(userId).catch((error: unknown) => {
      if (error instanceof AppError && error.code === 'NOT_FOUND') return null;
      throw error;
    });
    if (!stored) return null;
    return {
      kind: stored.meta.kind,
      revision: stored.revision,
      change: stored.revision === 1 ? 'issued' : 'updated',
      updated_at: stored.updated_at,
    };
  }

  private async nextMeeting(userId: string, confirmed: CardAccount[]): Promise<Meeting | null> {
    const { meetings } = await this.meetings.listForMember(
      userId,
      { when: 'upcoming', limit: MEETING_LOOKAHEAD },
      confirmed.map((account) => account.coopname),
    );
    return meetings.find((meeting) => meeting.cancelled_at === null) ?? null;
  }
}

/** An open account whose membership the cooperative confirmed (balances and meetings show). */
const isConfirmed = (account: CardAccount) =>
  account.closed_at === null && account.membership === 'confirmed';

const toConfirmedAccount = (account: CardAccount): ConfirmedAccount => ({
  coopname: account.coopname,
  username: account.username,
  displayName: account.display_name,
});

/** The cooperative's name shows only once it confirmed the membership (as the accounts page). */
function toDashboardAccount(account: CardAccount): DashboardAccount {
  return {
    id: account.id,
    coopname: account.coopname,
    username: account.username,
    membership: account.membership,
    closed_at: account.closed_at,
    display_name: account.membership === 'confirmed' ? account.display_name : null,
  };
}

/** Grants a cooperative has read, the most recently read first. */
function recentReads(grants: Grant[]): Grant[] {
  return grants
    .filter((grant) => grant.last_read_at !== null)
    .sort((a, b) => (b.last_read_at ?? '').localeCompare(a.last_read_at ?? ''))
    .slice(0, DASHBOARD_LIMITS.reads);
}
